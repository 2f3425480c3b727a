import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../../platform/context.ts';
import { logFailure } from '../../../platform/db/faults.ts';
import { MAX_UPLOAD_BYTES } from '../../../platform/http/multipart.ts';
import { InboundQueueFullError } from './queue-caps.ts';
import { type InboundMail, isContributionAddress, receiveContribution } from './receiving.ts';
import { isAutomaticMail, isSignaturePart, senderIdentity } from './rules.ts';
import { recordMailOutcome, releaseMailSlot, reserveMailSlot } from './sender-limit.ts';

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

/** What the listener knows of the mail once it is read: who it is from, whether a program sent it. */
async function readMail(ctx: AppContext, raw: Buffer, session: SMTPServerSession): Promise<{ mail: InboundMail; bounce: boolean }> {
  const parsed = await simpleParser(raw);
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const headers = parsed.headerLines.map((l) => ({
    name: l.key,
    value: l.line.slice(l.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' '),
  }));
  const authors = (parsed.from?.value ?? []).flatMap((a) => (a.group ? a.group : [a]));
  const fromAddresses = authors.map((a) => a.address ?? '').filter(Boolean);
  const identity = senderIdentity({ envelopeFrom, fromAddresses, headers, trustedAuthservIds: ctx.config.inboundTrustedAuthservIds });
  const from = identity.address || fromAddresses[0] || envelopeFrom;
  const references = parsed.references === undefined ? [] : [parsed.references].flat();
  return {
    bounce: envelopeFrom === '',
    mail: {
      from,
      fromName: authors.length === 1 ? (authors[0]!.name ?? '') : '',
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: parsed.subject ?? '',
      // Images referenced from the HTML body (signatures, logos) are part of the text, and the detached
      // signature of an S/MIME or PGP signed mail is part of the signing: neither is a submission.
      attachments: parsed.attachments
        .filter((a) => !a.related && !isSignaturePart(a.contentType))
        .map((a) => ({ filename: a.filename ?? '', content: a.content })),
      senderCheck: identity.check,
      automatic: isAutomaticMail({ envelopeFrom, headers, fromAddress: from }),
      messageId: parsed.messageId ?? '',
      references,
    },
  };
}

/**
 * The SMTP listener for groups' contribution addresses. A mail is answered 250 once it is processed
 * (a reply mail may tell the sender the outcome); unknown recipients get 550 and a sender over the
 * hourly limit 451 4.7.1, both before DATA; oversize mail 552, a full queue for senders without an
 * account 452, internal failures 451 so the sending server tries again later.
 */
export async function startInboundSmtp(
  ctx: AppContext,
  options: {
    port: number;
    host: string;
    maxBytes: number /** How long close() lets sessions finish before cutting them (421). */;
    closeTimeoutMs?: number;
  },
): Promise<InboundSmtp> {
  // The rate-limit slot each connection's current mail holds (taken at the first accepted RCPT).
  const slots = new Map<string, number>();
  const release = (session: SMTPServerSession) => {
    const slot = slots.get(session.id);
    if (slot === undefined) return;
    slots.delete(session.id);
    releaseMailSlot(ctx, slot).catch((error: Error) => ctx.log.error({ err: error }, 'inbound rate slot not released'));
  };
  const server = new SMTPServer({
    banner: 'convene contributions',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    size: options.maxBytes,
    maxClients: 50,
    logger: false,
    ...(options.closeTimeoutMs !== undefined ? { closeTimeout: Math.max(1, options.closeTimeoutMs) } : {}),
    onMailFrom(_address, session, callback) {
      // A new mail on the same connection (after RSET or an earlier refusal): its slot is not the last one's.
      release(session);
      callback();
    },
    onRcptTo(address, session, callback) {
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      (async () => {
        if (!(await isContributionAddress(ctx, address.address))) return smtpError(550, '5.1.1 No contributions are taken at this address');
        if (slots.has(session.id)) return undefined;
        const slot = await reserveMailSlot(ctx, envelopeFrom);
        if (slot === null) return smtpError(451, '4.7.1 Too many mails from this sender in the last hour, try again later');
        slots.set(session.id, slot);
        return undefined;
      })().then(callback, (error: Error) => {
        logFailure(ctx.log, 'error', {}, error, 'inbound recipient check failed');
        callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
      });
    },
    onData(stream, session, callback) {
      const slot = slots.get(session.id);
      slots.delete(session.id);
      const giveBack = async () => {
        if (slot !== undefined) await releaseMailSlot(ctx, slot);
      };
      readMessage(stream, options.maxBytes)
        .then(async (raw) => {
          if (!raw) {
            await giveBack();
            return callback(smtpError(552, `5.3.4 Message is larger than ${options.maxBytes} bytes`));
          }
          const { mail, bounce } = await readMail(ctx, raw, session);
          // A delivery report is never a contribution, and answering it could start a loop.
          const outcome = bounce ? ({ kind: 'ignored', why: 'bounce' } as const) : await receiveContribution(ctx, mail);
          if (slot !== undefined) await recordMailOutcome(ctx, slot, outcome);
          ctx.log.info({ outcome, check: mail.senderCheck, automatic: mail.automatic }, 'inbound contribution mail');
          callback();
        })
        .catch(async (error: Error) => {
          await giveBack().catch(() => undefined);
          if (error instanceof InboundQueueFullError) {
            ctx.log.warn('inbound mail refused: the queue for senders without an account is full');
            return callback(smtpError(452, '4.2.2 Too much mail is waiting for the secretariat, try again later'));
          }
          logFailure(ctx.log, 'error', {}, error, 'inbound mail failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        });
    },
    onClose(session) {
      release(session);
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
