import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../platform/context.ts';
import { logFailure } from '../../platform/db/faults.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/multipart.ts';
import { isContributionAddress, receiveContribution } from './inbound.ts';

/** A mail carrying the largest allowed file: base64 grows it by a third, plus headers and text. */
export const INBOUND_MAX_MAIL_BYTES = Math.ceil(MAX_UPLOAD_BYTES * 1.4);

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Reads the message, keeping at most `maxBytes` in memory; null once it is over (the rest is drained). */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks);
}

async function processMessage(ctx: AppContext, raw: Buffer, session: SMTPServerSession): Promise<void> {
  const parsed = await simpleParser(raw);
  const author = parsed.from?.value[0];
  const from = author?.address || (session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
  // Bounces (null sender) and mail without any sender are never answered, to avoid mail loops.
  if (!from) {
    ctx.log.info('inbound mail without a sender dropped');
    return;
  }
  const outcome = await receiveContribution(ctx, {
    from,
    fromName: author?.name ?? '',
    to: session.envelope.rcptTo.map((r) => r.address),
    subject: parsed.subject ?? '',
    // Images referenced from the HTML body (signatures, logos) are part of the text, not submissions.
    attachments: parsed.attachments.filter((a) => !a.related).map((a) => ({ filename: a.filename ?? '', content: a.content })),
  });
  ctx.log.info({ from, outcome }, 'inbound contribution mail');
}

/**
 * The SMTP listener for groups' contribution addresses. A mail is answered 250 once it is processed
 * (the reply mail tells the sender the outcome); unknown recipients get 550, oversize mail 552, and
 * internal failures 451 so the sending server tries again later.
 */
export async function startInboundSmtp(ctx: AppContext, options: { port: number; host: string; maxBytes: number }): Promise<InboundSmtp> {
  const server = new SMTPServer({
    banner: 'convene contributions',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    size: options.maxBytes,
    maxClients: 50,
    logger: false,
    onRcptTo(address, _session, callback) {
      isContributionAddress(ctx, address.address).then(
        (known) => callback(known ? undefined : smtpError(550, '5.1.1 No contributions are taken at this address')),
        (error: Error) => {
          logFailure(ctx.log, 'error', {}, error, 'inbound recipient check failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      readMessage(stream, options.maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, `5.3.4 Message is larger than ${options.maxBytes} bytes`));
          await processMessage(ctx, raw, session);
          callback();
        })
        .catch((error: Error) => {
          logFailure(ctx.log, 'error', {}, error, 'inbound mail failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
  });
  server.on('error', (error) => ctx.log.warn({ err: error }, 'inbound SMTP connection error'));
  server.listen(options.port, options.host);
  // Rejects when the port cannot be taken.
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
