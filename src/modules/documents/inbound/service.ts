import { Readable } from 'node:stream';
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { DomainError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { discardQuietly, holdStoredFile } from '../../../platform/files/references.ts';
import { type DocumentKind, documentExtensions, mediaTypes } from '../../../platform/files/sniff.ts';
import { FileTooLargeError } from '../../../platform/files/store.ts';
import { MAX_UPLOAD_BYTES } from '../../../platform/http/multipart.ts';
import { isLocale, type Locale, pick, type Translate, translator } from '../../../platform/i18n/index.ts';
import { queueMail } from '../../../platform/mail/outbox.ts';
import { authorize } from '../../../platform/policy.ts';
import { dateInZone } from '../../../platform/time.ts';
import { optionalText, parseInput, requiredText } from '../../../platform/validation.ts';
import { audit } from '../../accounts/audit.ts';
import { findActorByEmail } from '../../accounts/queries.ts';
import { groupByContributionAddress, groupCodes } from '../../groups/queries.ts';
import { canManageGroupContent, type GroupRow } from '../../groups/service.ts';
import { getMeeting, listGroupMeetings, type MeetingDetail } from '../../meetings/service.ts';
import { workingGroupsOf } from '../details.ts';
import type { IncomingFile } from '../files.ts';
import { acceptFile, usingStoredFile } from '../files.ts';
import { documentPaths } from '../paths.ts';
import { manageDocumentIntake } from '../policies.ts';
import type { DocumentRow } from '../queries.ts';
import { inboundMailLog, inboundSubmissions } from '../schema.ts';
import { contributionTiming, submitDocument } from '../submission.ts';
import {
  type IgnoredMailReason,
  type InboundMailOutcome,
  type InboundRejection,
  type InboundStatus,
  inboundRejectionLabel,
} from '../vocabulary.ts';
import { cleanMessageId, cleanSubject, replyHeaders, replyKind, type SenderCheck } from './rules.ts';

type InboundOutcome =
  | { kind: 'numbered'; number: string }
  | { kind: 'queued'; id: number }
  | { kind: 'rejected'; reason: InboundRejection };

export interface InboundMail {
  /** The header From address (the envelope sender when there is none). */
  from: string;
  fromName?: string;
  /** The envelope recipients the listener accepted. */
  to: string[];
  subject: string;
  attachments: { filename: string; content: Buffer | NodeJS.ReadableStream }[];
  /** How the From address was checked (rules.ts `senderIdentity`); unverified when left out. */
  senderCheck?: SenderCheck;
  /** Sent by a program (bounce, auto-reply, list): processed, never answered. */
  automatic?: boolean;
  messageId?: string;
  references?: string[];
}

/** The queue of mail from senders without an account is full (per group, per sender or in bytes): 452 at SMTP. */
export class InboundQueueFullError extends Error {
  constructor() {
    super('The queue for senders without an account is full');
  }
}

type InboundRow = typeof inboundSubmissions.$inferSelect;

const decided = () => new DomainError('inbound-decided', 409, 'inbound.error.decided');
const MAX_TITLE = 300;
const HOUR_MS = 3_600_000;

// ---- replies

type Compose = (t: Translate) => { subject: string; text: string };

/**
 * English always; a version in the account's language follows when it prefers another one. Every reply
 * is marked automatic (`Auto-Submitted: auto-replied`) and threaded under the mail it answers.
 */
async function sendReply(
  db: DbOrTx,
  to: string,
  locale: Locale,
  compose: Compose,
  thread: { messageId: string; references: string[] },
): Promise<void> {
  const versions = (locale === 'en' ? ['en' as const] : ['en' as const, locale]).map((l) => compose(translator(l)));
  await queueMail(db, {
    kind: 'inbound-reply',
    to,
    subject: versions.map((v) => v.subject).join(' / '),
    text: versions.map((v) => v.text).join('\n\n————————\n\n'),
    headers: replyHeaders(thread),
  });
}

/** Names nothing of the mail (its subject, its file): the address it was sent to and why it was refused. */
const rejectionReply =
  (reason: InboundRejection, address: string): Compose =>
  (t) => ({
    subject: t('inbound.mail.rejected.subject'),
    text: t('inbound.mail.rejected.body', { address, reason: t(inboundRejectionLabel[reason], { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) }),
  });

const referencesOf = (row: { mailReferences: string }) => row.mailReferences.split(/\s+/).filter(Boolean);

// ---- receiving

const normalise = (address: string) => address.trim().toLowerCase();

/** The group that takes contributions at one of these addresses. */
async function groupForRecipients(ctx: AppContext, recipients: string[]): Promise<GroupRow | null> {
  const addresses = [...new Set(recipients.map(normalise).filter(Boolean))];
  if (addresses.length === 0) return null;
  return (await groupByContributionAddress(ctx, addresses)) ?? null;
}

/** Whether some group takes contributions at this address (the listener's RCPT check). */
export async function isContributionAddress(ctx: AppContext, address: string): Promise<boolean> {
  return (await groupForRecipients(ctx, [address])) !== null;
}

/** The earliest meeting that has not ended yet in its own time zone. */
async function nextMeeting(ctx: AppContext, group: GroupRow): Promise<MeetingDetail | null> {
  const now = ctx.clock.now();
  const upcoming = (await listGroupMeetings(ctx, group)).filter((m) => m.lastDay && m.lastDay >= dateInZone(now, m.meeting.timeZone));
  return upcoming[0] ?? null;
}

/** "[WG5] Avatar interop" → the title without the tags of the group's working groups, and those labels. */
async function readSubject(ctx: AppContext, groupId: number, subject: string, filename: string) {
  const labels = new Set(await workingGroupsOf(ctx, groupId));
  const workingGroups: string[] = [];
  const title = cleanSubject(subject)
    .replace(/\[([^\]]{1,12})\]/g, (tag, inside: string) => {
      const label = inside.toUpperCase().replace(/\s+/g, '');
      if (!labels.has(label)) return tag;
      if (!workingGroups.includes(label)) workingGroups.push(label);
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { title: (cleanSubject(title) || filename.trim() || '—').slice(0, MAX_TITLE), workingGroups };
}

type StoreResult = { ok: true; file: IncomingFile } | { ok: false; reason: InboundRejection };

async function storeAttachment(ctx: AppContext, attachment: InboundMail['attachments'][number]): Promise<StoreResult> {
  const source = Buffer.isBuffer(attachment.content) ? Readable.from([attachment.content]) : attachment.content;
  let stored: Awaited<ReturnType<AppContext['files']['put']>>;
  try {
    stored = await ctx.files.put(source, { maxBytes: MAX_UPLOAD_BYTES });
  } catch (error) {
    if (error instanceof FileTooLargeError) return { ok: false, reason: 'file-too-large' };
    throw error;
  }
  try {
    return { ok: true, file: await usingStoredFile(ctx, stored, () => acceptFile(ctx, { ...stored, filename: attachment.filename })) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, reason: error.fieldErrors[0]?.message === 'error.fileType' ? 'file-type' : 'content-mismatch' };
  }
}

// ---- the hourly limit per sender

const slotLock = (sender: string) => sql`SELECT pg_advisory_xact_lock(hashtext(${`inbound-rate:${sender}`}))`;

/**
 * Takes one of the sender's mails of the hour (the envelope sender, `<>` for the null sender), or null
 * when they are used up: the listener then answers 451 4.7.1 before DATA. Only mails that end up
 * accepted keep their slot (`releaseMailSlot` gives it back), so refused attempts do not count.
 */
export async function reserveMailSlot(ctx: AppContext, envelopeSender: string): Promise<number | null> {
  const sender = normalise(envelopeSender) || '<>';
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Two connections of one sender must not both take the last slot.
    await tx.execute(slotLock(sender));
    const [counted] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(inboundMailLog)
      .where(and(eq(inboundMailLog.fromAddress, sender), gt(inboundMailLog.receivedAt, new Date(now.getTime() - HOUR_MS))));
    if (counted!.n >= ctx.config.inboundRatePerHour) return null;
    const [row] = await tx
      .insert(inboundMailLog)
      .values({ fromAddress: sender, outcome: 'reserved', receivedAt: now })
      .returning({ id: inboundMailLog.id });
    return row!.id;
  });
}

/** The mail was not accepted after all (refused, failed, or the connection ended first). */
export async function releaseMailSlot(ctx: AppContext, id: number): Promise<void> {
  await ctx.db.delete(inboundMailLog).where(and(eq(inboundMailLog.id, id), eq(inboundMailLog.outcome, 'reserved')));
}

/** The accepted mail's outcome, kept with its slot ("numbered", "queued", "rejected:no-attachment"…). */
export async function recordMailOutcome(
  ctx: AppContext,
  id: number,
  outcome: InboundOutcome | { kind: 'ignored'; why: IgnoredMailReason },
): Promise<void> {
  const label: InboundMailOutcome =
    outcome.kind === 'rejected' ? `rejected:${outcome.reason}` : outcome.kind === 'ignored' ? `ignored:${outcome.why}` : outcome.kind;
  await ctx.db.update(inboundMailLog).set({ outcome: label }).where(eq(inboundMailLog.id, id));
}

/** Slots older than a day count for nothing and name their senders: forgotten (called by the hourly purge). */
export async function forgetOldMailLog(ctx: AppContext): Promise<void> {
  await ctx.db.delete(inboundMailLog).where(lt(inboundMailLog.receivedAt, new Date(ctx.clock.now().getTime() - 24 * HOUR_MS)));
}

// ---- the queue of senders without an account

const queueLock = sql`SELECT pg_advisory_xact_lock(hashtext('inbound-queue'))`;

/** Throws InboundQueueFullError when one more file of `size` bytes from `from` would exceed a cap. */
async function checkQueueRoom(ctx: AppContext, db: DbOrTx, groupId: number, from: string, size: number): Promise<void> {
  const [c] = await db
    .select({
      group: sql<number>`count(*) FILTER (WHERE ${inboundSubmissions.groupId} = ${groupId})::int`,
      sender: sql<number>`count(*) FILTER (WHERE ${inboundSubmissions.fromAddress} = ${from})::int`,
      bytes: sql<number>`coalesce(sum(${inboundSubmissions.fileSize}), 0)::float8`,
    })
    .from(inboundSubmissions)
    .where(inArray(inboundSubmissions.status, ['pending', 'accepting']));
  const caps = ctx.config.inboundQueue;
  if (c!.group >= caps.maxPerGroup || c!.sender >= caps.maxPerSender || Number(c!.bytes) + size > caps.maxBytes)
    throw new InboundQueueFullError();
}

const sizeOf = (content: Buffer | NodeJS.ReadableStream) => (Buffer.isBuffer(content) ? content.length : 0);

// ---- receiving

/**
 * A mail to a group's contribution address. From a verified account with one allowed attachment it
 * becomes a numbered contribution; from anyone else it waits for the secretariat, within the queue's
 * caps (InboundQueueFullError beyond). A refused mail leaves nothing stored. Who is answered, and how,
 * is `replyKind`: an account fully, a verified address without account with a reply that repeats
 * nothing of the mail, an unverified sender or a program not at all.
 */
export async function receiveContribution(ctx: AppContext, mail: InboundMail): Promise<InboundOutcome> {
  const from = normalise(mail.from);
  const check = mail.senderCheck ?? 'unverified';
  const subject = mail.subject.replace(/\s+/g, ' ').trim();
  const account = check !== 'unverified' && from ? await findActorByEmail(ctx, from) : null;
  // An unverified account does not prove the address is its owner's: such mail waits for the secretariat.
  const sender = account?.emailVerified ? account : null;
  const preferred = sender?.preferredLanguage;
  const locale: Locale = isLocale(preferred) ? preferred : 'en';
  const replies = replyKind({ check, account: sender !== null }, mail.automatic ?? false);
  const thread = { messageId: cleanMessageId(mail.messageId), references: (mail.references ?? []).map(cleanMessageId).filter(Boolean) };
  const reply = (db: DbOrTx, compose: Compose) => (replies === 'none' ? Promise.resolve() : sendReply(db, from, locale, compose, thread));
  const group = await groupForRecipients(ctx, mail.to);
  const reject = async (reason: InboundRejection): Promise<InboundOutcome> => {
    await reply(ctx.db, rejectionReply(reason, group?.contributionEmail || mail.to[0] || ''));
    return { kind: 'rejected', reason };
  };
  if (!group) return reject('unknown-address');
  if (mail.attachments.length === 0) return reject('no-attachment');
  if (mail.attachments.length > 1) return reject('too-many-attachments');
  const meeting = await nextMeeting(ctx, group);
  if (!meeting) return reject('no-meeting');
  const staff = await canManageGroupContent(ctx, sender, group.id);
  if (contributionTiming(ctx, meeting, staff) === 'refused') return reject('deadline-passed');

  const attachment = mail.attachments[0]!;
  // A full queue refuses before anything is stored; checked again under the lock below.
  if (!sender) await checkQueueRoom(ctx, ctx.db, group.id, from, sizeOf(attachment.content));
  const stored = await storeAttachment(ctx, attachment);
  if (!stored.ok) return reject(stored.reason);
  const file = stored.file;
  const meetingTitle = pick(meeting.meeting.title, locale);

  // From here the file is stored: whatever refuses or fails gives it back (usingStoredFile).
  let made: { kind: 'queued'; id: number } | { kind: 'numbered'; doc: DocumentRow; title: string };
  try {
    made = await usingStoredFile(ctx, file, async () => {
      const { title, workingGroups } = await readSubject(ctx, group.id, subject, file.filename);
      if (!sender) {
        const id = await ctx.db.transaction(async (tx) => {
          await tx.execute(queueLock);
          await checkQueueRoom(ctx, tx, group.id, from, file.size);
          await holdStoredFile(tx, ctx.files, file.hash);
          const [row] = await tx
            .insert(inboundSubmissions)
            .values({
              groupId: group.id,
              meetingId: meeting.meeting.id,
              fromAddress: from,
              fromName: (mail.fromName ?? '').trim().slice(0, 200),
              subject: cleanSubject(subject).slice(0, 1000),
              filename: file.filename,
              fileHash: file.hash,
              fileSize: file.size,
              mediaType: file.mediaType,
              senderVerified: check !== 'unverified',
              messageId: thread.messageId,
              mailReferences: thread.references.join(' '),
              createdAt: ctx.clock.now(),
            })
            .returning({ id: inboundSubmissions.id });
          await reply(tx, (t) => ({
            subject: t('inbound.mail.queued.subject'),
            text: t('inbound.mail.queued.body', { address: group.contributionEmail ?? '', meeting: meetingTitle }),
          }));
          return row!.id;
        });
        return { kind: 'queued', id };
      }
      // Text extraction is the same bounded one as for the web (submitDocument → extractText).
      const doc = await submitDocument(
        ctx,
        sender,
        meeting.meeting.id,
        {
          title,
          keywords: [],
          sources: [],
          workingGroups,
          contacts: [{ name: `${sender.givenName} ${sender.familyName}`.trim(), organization: '', email: from }],
        },
        file,
        { via: 'email', needsDetails: true },
      );
      return { kind: 'numbered', doc, title };
    });
  } catch (error) {
    if (error instanceof DomainError && error.type === 'contribution-deadline-passed') return reject('deadline-passed');
    throw error;
  }
  if (made.kind === 'queued') return made;
  const { doc, title } = made;
  const link = `${ctx.config.baseUrl}${documentPaths.edit({ number: doc.number })}`;
  // The document exists now: failing the mail would make the sending server retry and number it twice.
  await reply(ctx.db, (t) => ({
    subject: t('inbound.mail.numbered.subject', { number: doc.number, title }),
    text: t('inbound.mail.numbered.body', { number: doc.number, title, meeting: meetingTitle, link }),
  })).catch((error: unknown) => ctx.log.error({ err: error, number: doc.number }, 'inbound reply not queued'));
  return { kind: 'numbered', number: doc.number };
}

// ---- the secretariat's queue

export async function listInbound(ctx: AppContext, actor: Actor | null, status: InboundStatus = 'pending') {
  authorize(actor, manageDocumentIntake, undefined);
  const submissions = await ctx.db
    .select()
    .from(inboundSubmissions)
    .where(eq(inboundSubmissions.status, status))
    .orderBy(desc(inboundSubmissions.createdAt), desc(inboundSubmissions.id));
  const codes = await groupCodes(
    ctx,
    submissions.map((s) => s.groupId),
  );
  return submissions.map((submission) => ({ submission, groupCode: codes.get(submission.groupId) ?? '' }));
}

/** One submission, with the stored file it carries (the secretariat looks at it before deciding). */
export async function getInbound(ctx: AppContext, actor: Actor | null, id: number): Promise<InboundRow> {
  authorize(actor, manageDocumentIntake, undefined);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

/** Takes a waiting submission for a decision; a second decision finds it decided. */
async function claim(db: DbOrTx, now: Date, id: number, status: 'accepting' | 'rejected', actor: Actor): Promise<InboundRow> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await db
    .update(inboundSubmissions)
    .set({ status, decidedBy: actor.id, decidedAt: now })
    .where(and(eq(inboundSubmissions.id, id), eq(inboundSubmissions.status, 'pending')))
    .returning();
  if (row) return row;
  const [exists] = await db.select({ id: inboundSubmissions.id }).from(inboundSubmissions).where(eq(inboundSubmissions.id, id));
  throw exists ? decided() : new NotFoundError();
}

const kindOf = (mediaType: string): DocumentKind => documentExtensions.find((k) => mediaTypes[k] === mediaType) ?? 'zip';

const acceptSchema = z.object({
  meetingId: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ message: 'error.choice' }).int({ message: 'error.choice' }).positive({ message: 'error.choice' }).optional(),
  ),
  title: optionalText(MAX_TITLE),
});

/**
 * The secretariat makes a waiting submission a document (owned by the secretariat) and tells the sender
 * its number — when the sender's address was verified (`senderTold`).
 */
export async function acceptInbound(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
  input: { meetingId?: number | string; title?: string },
): Promise<{ document: DocumentRow; senderTold: boolean }> {
  authorize(actor, manageDocumentIntake, undefined);
  const data = parseInput(acceptSchema, input);
  const row = await claim(ctx.db, ctx.clock.now(), id, 'accepting', actor);
  let doc: DocumentRow;
  try {
    const meetingId = data.meetingId ?? row.meetingId;
    const meeting = meetingId ? await getMeeting(ctx, meetingId).catch(() => null) : null;
    if (!meeting || meeting.group.id !== row.groupId) throw new ValidationError([{ field: 'meetingId', message: 'error.choice' }]);
    const sender = row.fromName || row.fromAddress;
    const fromSubject = await readSubject(ctx, row.groupId, row.subject, row.filename);
    doc = await submitDocument(
      ctx,
      actor,
      meeting.meeting.id,
      {
        title: data.title || fromSubject.title,
        keywords: [],
        sources: [sender],
        workingGroups: fromSubject.workingGroups,
        contacts: [{ name: sender, organization: '', email: row.fromAddress }],
      },
      { hash: row.fileHash, size: row.fileSize, filename: row.filename, mediaType: row.mediaType, kind: kindOf(row.mediaType) },
      { via: 'email', needsDetails: true },
    );
  } catch (error) {
    await ctx.db
      .update(inboundSubmissions)
      .set({ status: 'pending', decidedBy: null, decidedAt: null })
      .where(and(eq(inboundSubmissions.id, id), eq(inboundSubmissions.status, 'accepting')));
    throw error;
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(inboundSubmissions)
      .set({ status: 'accepted', documentId: doc.id, meetingId: doc.meetingId })
      .where(eq(inboundSubmissions.id, id));
    // An unverified From may be someone else's address: they are not told.
    if (!row.senderVerified) return;
    await sendReply(
      tx,
      row.fromAddress,
      'en',
      (t) => ({
        subject: t('inbound.mail.accepted.subject', { number: doc.number }),
        text: t('inbound.mail.accepted.body', {
          number: doc.number,
          link: `${ctx.config.baseUrl}${documentPaths.document({ number: doc.number })}`,
        }),
      }),
      { messageId: row.messageId, references: referencesOf(row) },
    );
  });
  await audit(ctx, actor, 'inbound.accept', `inbound:${id}`, { number: doc.number });
  return { document: doc, senderTold: row.senderVerified };
}

/** The secretariat turns a waiting submission down: the sender is told why (when verified) and its file is not kept. */
export async function rejectInbound(ctx: AppContext, actor: Actor | null, id: number, reason: string): Promise<{ senderTold: boolean }> {
  authorize(actor, manageDocumentIntake, undefined);
  const why = parseInput(z.object({ reason: requiredText(1000, { lines: true }) }), { reason }).reason;
  const row = await ctx.db.transaction(async (tx) => {
    const claimed = await claim(tx, ctx.clock.now(), id, 'rejected', actor);
    if (claimed.senderVerified) {
      await sendReply(
        tx,
        claimed.fromAddress,
        'en',
        (t) => ({ subject: t('inbound.mail.declined.subject'), text: t('inbound.mail.declined.body', { reason: why }) }),
        { messageId: claimed.messageId, references: referencesOf(claimed) },
      );
    }
    return claimed;
  });
  await discardQuietly(ctx, row.fileHash);
  await audit(ctx, actor, 'inbound.reject', `inbound:${id}`, { reason: why });
  return { senderTold: row.senderVerified };
}
