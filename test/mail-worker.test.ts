import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueMail } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { defineMailTemplate } from '../src/platform/mail/templates.ts';
import { backoffMs, deliverDueMails, type MailTransport, smtpTransport, startMailWorker } from '../src/platform/mail/worker.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** worker.ts does not export MAX_ATTEMPTS; keep this in step with it. */
const MAX_ATTEMPTS = 8;

const NOW = '2023-04-06T08:00:00.000Z';

interface Received {
  parsed: ParsedMail;
  envelopeFrom: string;
  envelopeTo: string[];
}

type RejectAt = 'rcpt' | 'data';

/** A real SMTP server on loopback that records (parsed) what it accepts and can be told to refuse. */
class LoopbackSmtp {
  readonly received: Received[] = [];
  /** RCPT TO commands seen, accepted or not: each delivery attempt issues one per recipient. */
  rcptAttempts = 0;
  reject: { at: RejectAt; code: number; message: string } | null = null;
  /** Delays the reply to DATA, to hold a delivery in flight. */
  dataDelayMs = 0;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        this.rcptAttempts += 1;
        if (this.reject?.at === 'rcpt') return callback(this.error());
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          void (async () => {
            if (this.dataDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.dataDelayMs));
            if (this.reject?.at === 'data') return callback(this.error());
            const parsed = await simpleParser(Buffer.concat(chunks));
            this.received.push({
              parsed,
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            });
            callback();
          })().catch((error: Error) => callback(error));
        });
      },
    });
  }

  private error(): Error {
    const { code, message } = this.reject!;
    return Object.assign(new Error(message), { responseCode: code });
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server.server, 'listening');
    const { port } = this.server.server.address() as AddressInfo;
    // The SMTP_URL form production uses.
    return `smtp://127.0.0.1:${port}`;
  }

  reset(): void {
    this.received.length = 0;
    this.rcptAttempts = 0;
    this.reject = null;
    this.dataDelayMs = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const recipientsOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((a: AddressObject) => a.value.map((v) => v.address));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//convene//test//EN',
  'BEGIN:VEVENT',
  'UID:r1-0001@convene.test',
  'DTSTART:20230415T090000Z',
  'DTEND:20230415T170000Z',
  'SUMMARY:会议 — Plenary',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe.each(databaseKinds)('mail worker over SMTP (%s)', (kind) => {
  let h: Harness;
  let smtp: LoopbackSmtp;
  let transport: MailTransport;

  beforeAll(async () => {
    h = await startHarness(kind, NOW);
    smtp = new LoopbackSmtp();
    transport = smtpTransport(await smtp.listen());
  });
  afterAll(async () => {
    await smtp?.close();
    await h?.close();
  });
  beforeEach(async () => {
    smtp.reset();
    h.clock.set(NOW);
    await h.ctx.db.delete(outbox);
  });

  const rowFor = async (to: string) => {
    const rows = await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, to));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('delivers a UTF-8 subject and an .ics attachment intact, once, and records the delivery', async () => {
    const to = `delegate-${kind}@example.org`;
    const subject = '注册号 R1-0001：会议';
    const text = 'Dear delegate,\n\n您的注册已确认。Your registration R1-0001 is confirmed.\n';
    await queueMail(h.ctx.db, {
      kind: 'registration-confirmed',
      to,
      subject,
      text,
      attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar', content: Buffer.from(ics).toString('base64') }],
    });

    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 1, failed: 0, released: 0 });

    expect(smtp.received).toHaveLength(1);
    const { parsed, envelopeFrom, envelopeTo } = smtp.received[0]!;
    expect(envelopeTo).toEqual([to]);
    expect(envelopeFrom).toBe('no-reply@localhost');
    expect(recipientsOf(parsed)).toEqual([to]);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text).toBe(text);
    expect(parsed.attachments).toHaveLength(1);
    const attachment = parsed.attachments[0]!;
    expect(attachment.filename).toBe('meeting.ics');
    expect(attachment.contentType).toBe('text/calendar');
    expect(attachment.content.equals(Buffer.from(ics))).toBe(true);

    const row = await rowFor(to);
    expect(row.status).toBe('sent');
    expect(row.sentAt).toEqual(new Date(NOW));
    expect(row.messageId).toBeTruthy();
    expect(row.messageId).toBe(parsed.messageId);
    expect(row.lockedUntil).toBeNull();
    expect(row.lastError).toBeNull();
    expect(row.attempts).toBe(1);

    // Nothing is due any more, now or later.
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    h.clock.advance(24 * 3_600_000);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.rcptAttempts).toBe(1);
  });

  it('renders a mail queued unrendered when it is delivered, stores what it sent, and drops one with nothing left to say', async () => {
    let renders = 0;
    defineMailTemplate('test-deferred', async (_ctx, params) => {
      renders += 1;
      return params.gone ? null : { subject: `Deferred ${String(params.n)}`, text: `Rendered at delivery: ${String(params.n)}` };
    });
    const to = `deferred-${kind}@example.org`;
    const gone = `deferred-gone-${kind}@example.org`;
    await h.ctx.db.insert(outbox).values([
      { kind: 'test-deferred', toAddress: to, params: { n: 7 }, nextAttemptAt: new Date(0) },
      { kind: 'test-deferred', toAddress: gone, params: { gone: true }, nextAttemptAt: new Date(0) },
    ]);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 1, failed: 1, released: 0 });
    const arrived = smtp.received.find((r) => r.envelopeTo.includes(to))!;
    expect(arrived.parsed.subject).toBe('Deferred 7');
    expect(arrived.parsed.text?.trim()).toBe('Rendered at delivery: 7');
    expect(await rowFor(to)).toMatchObject({ status: 'sent', subject: 'Deferred 7', textBody: 'Rendered at delivery: 7' });
    // Nothing to say is not retried.
    expect(await rowFor(gone)).toMatchObject({ status: 'failed', subject: null });
    expect((await rowFor(gone)).lastError).toContain('nothing to send');
    h.clock.advance(24 * 3_600_000);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    expect(renders).toBe(2);
  });

  it.each<RejectAt>(['rcpt', 'data'])('keeps a mail refused at %s with 451 queued, backs off, then delivers it', async (at) => {
    const to = `retry-${at}-${kind}@example.org`;
    smtp.reject = { at, code: 451, message: '4.3.0 Try again later' };
    await queueMail(h.ctx.db, { kind: 'test', to, subject: 'Retry me', text: 'Hello' });

    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 1, released: 0 });
    expect(smtp.rcptAttempts).toBe(1);
    let row = await rowFor(to);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('451');
    expect(row.nextAttemptAt).toEqual(new Date(new Date(NOW).getTime() + backoffMs(1)));
    expect(row.lockedUntil).toBeNull();
    expect(row.sentAt).toBeNull();
    expect(row.messageId).toBeNull();

    // Not due yet: the server is not even contacted.
    smtp.reject = null;
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    h.clock.advance(backoffMs(1) - 1);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    expect(smtp.rcptAttempts).toBe(1);
    expect(smtp.received).toHaveLength(0);

    h.clock.advance(1_000);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 1, failed: 0, released: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(recipientsOf(smtp.received[0]!.parsed)).toEqual([to]);
    row = await rowFor(to);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(row.lastError).toBeNull();
    expect(row.lockedUntil).toBeNull();
    expect(row.sentAt).toEqual(h.clock.now());
    expect(row.messageId).toBe(smtp.received[0]!.parsed.messageId);
  });

  it('gives a mail up as failed after the maximum number of attempts, backing off each time', async () => {
    const to = `doomed-${kind}@example.org`;
    smtp.reject = { at: 'rcpt', code: 451, message: '4.3.0 Try again later' };
    await queueMail(h.ctx.db, { kind: 'test', to, subject: 'Never arrives', text: 'Hello' });

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 1, released: 0 });
      const row = await rowFor(to);
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toContain('451');
      expect(row.lockedUntil).toBeNull();
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? 'queued' : 'failed');
      if (attempt < MAX_ATTEMPTS) {
        expect(row.nextAttemptAt).toEqual(new Date(h.clock.now().getTime() + backoffMs(attempt)));
        // Not a moment before its time.
        h.clock.advance(backoffMs(attempt) - 1);
        expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
        h.clock.advance(1);
      }
    }
    expect(smtp.rcptAttempts).toBe(MAX_ATTEMPTS);

    // A failed mail is never tried again, even once the server would take it.
    smtp.reject = null;
    h.clock.advance(7 * 24 * 3_600_000);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    expect(smtp.rcptAttempts).toBe(MAX_ATTEMPTS);
    expect(smtp.received).toHaveLength(0);
    expect((await rowFor(to)).status).toBe('failed');
  });

  it('fails a mail at once when the server refuses it for good (5xx)', async () => {
    const to = `unknown-user-${kind}@example.org`;
    smtp.reject = { at: 'rcpt', code: 550, message: '5.1.1 No such user' };
    await queueMail(h.ctx.db, { kind: 'test', to, subject: 'Bounce', text: 'Hello' });
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 1, released: 0 });
    const row = await rowFor(to);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('550');
    smtp.reject = null;
  });

  it('backs off 30 s, doubling, capped at one hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  it('delivers each of 30 mails exactly once with two workers running concurrently', async () => {
    const count = 30;
    const addresses = Array.from({ length: count }, (_, i) => `concurrent-${i}-${kind}@example.org`);
    for (const [i, to] of addresses.entries()) {
      await queueMail(h.ctx.db, { kind: 'test', to, subject: `Mail ${i}`, text: `Body ${i}` });
    }

    // Both claim from the same 20 oldest rows at once (default batch 20): with SKIP LOCKED one gets
    // 20, the other the remaining 10.
    const first = await Promise.all([deliverDueMails(h.ctx, transport), deliverDueMails(h.ctx, transport)]);
    expect(first.map((r) => r.failed)).toEqual([0, 0]);
    expect(first.map((r) => r.sent).sort((a, b) => a - b)).toEqual([10, 20]);
    expect(await Promise.all([deliverDueMails(h.ctx, transport), deliverDueMails(h.ctx, transport)])).toEqual([
      { sent: 0, failed: 0, released: 0 },
      { sent: 0, failed: 0, released: 0 },
    ]);

    expect(smtp.received).toHaveLength(count);
    expect(smtp.rcptAttempts).toBe(count);
    const perRecipient = new Map<string, number>();
    for (const r of smtp.received) for (const to of r.envelopeTo) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect([...perRecipient.keys()].sort()).toEqual([...addresses].sort());
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    const receivedIds = smtp.received.map((r) => r.parsed.messageId);
    expect(new Set(receivedIds).size).toBe(count);

    const rows = await h.ctx.db.select().from(outbox);
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row.status).toBe('sent');
      expect(row.attempts).toBe(1);
      expect(row.lockedUntil).toBeNull();
    }
    expect(rows.map((r) => r.messageId).sort()).toEqual([...receivedIds].sort());
  });

  it('opens a sealed attachment with the data keyring before sending it', async () => {
    const to = `sealed-${kind}@example.org`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255])]);
    const content = h.ctx.keyring.seal(pdf);
    await queueMail(h.ctx.db, {
      kind: 'visa-letter',
      to,
      subject: 'Visa letter',
      text: 'Attached.',
      attachments: [{ filename: 'visa-letter-R1-0001.pdf', contentType: 'application/pdf', content, sealed: true }],
    });
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 1, failed: 0, released: 0 });
    const [attachment] = smtp.received[0]!.parsed.attachments;
    expect(attachment?.filename).toBe('visa-letter-R1-0001.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.content.equals(pdf)).toBe(true);
    // The outbox keeps it sealed.
    expect((await rowFor(to)).attachments[0]?.content).toBe(content);
  });

  it('retries a mail whose worker crashed once its claim has expired', async () => {
    const to = `crashed-${kind}@example.org`;
    await queueMail(h.ctx.db, { kind: 'test', to, subject: 'Orphaned', text: 'Hello' });
    // What a worker that claimed the mail and then died leaves behind.
    const claimedAt = h.clock.now().getTime();
    await h.ctx.db
      .update(outbox)
      .set({ lockedUntil: new Date(claimedAt + 5 * 60_000), attempts: 1 })
      .where(eq(outbox.toAddress, to));

    h.clock.advance(5 * 60_000 - 1);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 0, failed: 0, released: 0 });
    expect(smtp.rcptAttempts).toBe(0);
    h.clock.advance(1_001);
    expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 1, failed: 0, released: 0 });
    expect(smtp.received).toHaveLength(1);
    const row = await rowFor(to);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(row.lockedUntil).toBeNull();
  });

  it.each(['succeeds', 'fails'] as const)(
    'a worker whose claim expired mid-batch leaves alone a mail another worker delivered meanwhile (its own send %s)',
    async (variant) => {
      const addresses = [`stale-a-${variant}-${kind}@example.org`, `stale-b-${variant}-${kind}@example.org`];
      for (const to of addresses) await queueMail(h.ctx.db, { kind: 'test', to, subject: 'Once', text: 'Hello' });

      // Worker A claims both mails, then hangs on the first send (a slow server) past its claim.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered!: (to: string) => void;
      const firstSend = new Promise<string>((resolve) => {
        entered = resolve;
      });
      let calls = 0;
      const slowA: MailTransport = {
        async sendMail(message) {
          calls += 1;
          if (calls === 1) {
            entered(String(message.to));
            await gate;
          } else if (variant === 'fails') {
            throw new Error('Connection closed unexpectedly');
          }
          return transport.sendMail(message);
        },
      };
      const runA = deliverDueMails(h.ctx, slowA, 2);
      let delivered: typeof outbox.$inferSelect;
      let other: string;
      try {
        const inFlight = await firstSend;
        other = addresses.find((a) => a !== inFlight)!;
        // Worker B finds both claims expired and delivers both mails.
        h.clock.advance(5 * 60_000 + 1_000);
        expect(await deliverDueMails(h.ctx, transport)).toEqual({ sent: 2, failed: 0, released: 0 });
        delivered = await rowFor(other);
        expect(delivered.status).toBe('sent');
      } finally {
        // A wakes up. Its in-flight send of the first mail completes (an unavoidable duplicate); the
        // second mail, already sent by B, must be neither sent again nor put back in the queue.
        release();
        await runA;
      }
      const receivedBy = (to: string) => smtp.received.filter((r) => r.envelopeTo.includes(to)).length;
      expect(receivedBy(other)).toBe(1);
      const after = await rowFor(other);
      expect(after.status).toBe('sent');
      expect(after.messageId).toBe(delivered.messageId);
      expect(after.sentAt).toEqual(delivered.sentAt);

      // And no later run sends it again.
      h.clock.advance(24 * 3_600_000);
      await deliverDueMails(h.ctx, transport);
      expect(receivedBy(other)).toBe(1);
    },
  );

  it('runs in the background: delivers a mail queued after it started, and stops', async () => {
    const stop = startMailWorker(h.ctx, transport, 10);
    let stopped = false;
    try {
      // Let it go idle first, so the mail is picked up by a later tick.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const to = `background-${kind}@example.org`;
      await queueMail(h.ctx.db, { kind: 'test', to, subject: 'From the background', text: 'Hello' });
      const row = await waitFor('the background delivery', async () => {
        const r = await rowFor(to);
        return r.status === 'sent' ? r : undefined;
      });
      expect(row.messageId).toBe(smtp.received[0]?.parsed.messageId);
      expect(smtp.received).toHaveLength(1);

      // stop() waits for a delivery in flight.
      smtp.dataDelayMs = 150;
      const late = `in-flight-${kind}@example.org`;
      await queueMail(h.ctx.db, { kind: 'test', to: late, subject: 'In flight', text: 'Hello' });
      await waitFor('the in-flight delivery to start', async () => (smtp.rcptAttempts >= 2 ? true : undefined));
      await expect(stop()).resolves.toBeUndefined();
      stopped = true;
      expect((await rowFor(late)).status).toBe('sent');
      expect(smtp.received).toHaveLength(2);

      // Once stopped it delivers nothing more.
      smtp.dataDelayMs = 0;
      const after = `after-stop-${kind}@example.org`;
      await queueMail(h.ctx.db, { kind: 'test', to: after, subject: 'After stop', text: 'Hello' });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect((await rowFor(after)).status).toBe('queued');
      expect(smtp.rcptAttempts).toBe(2);
    } finally {
      if (!stopped) await stop();
    }
  });
});
