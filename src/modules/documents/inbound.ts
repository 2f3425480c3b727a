import { Readable } from 'node:stream';
import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { type DocumentKind, documentExtensions, mediaTypes } from '../../platform/files/sniff.ts';
import { FileTooLargeError } from '../../platform/files/store.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/multipart.ts';
import { isLocale, type Locale, type MessageKey, pick, type Translate, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { dateInZone } from '../../platform/time.ts';
import { optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { type Actor, requireSecretariat } from '../accounts/profile.ts';
import { audit, findActorByEmail } from '../accounts/service.ts';
import { groups, } from '../groups/schema.ts';
import { canManageGroupContent, type GroupRow, } from '../groups/service.ts';
import { getMeeting, listGroupMeetings, type MeetingDetail } from '../meetings/service.ts';
import { acceptFile, discardIfUnreferenced } from './files.ts';
import { inboundMailLog, inboundSubmissions } from './schema.ts';
import { contributionTiming, type DocumentRow, type IncomingFile, submitDocument, workingGroupsOf } from './service.ts';

export const inboundRejections = [
  'no-attachment',
  'too-many-attachments',
  'file-type',
  'content-mismatch',
  'file-too-large',
  'unknown-address',
  'no-meeting',
  'deadline-passed',
  'rate-limited',
] as const;
export type InboundRejection = (typeof inboundRejections)[number];

export type InboundOutcome =
  | { kind: 'numbered'; number: string }
  | { kind: 'queued'; id: number }
  | { kind: 'rejected'; reason: InboundRejection };

export interface InboundMail {
  from: string;
  fromName?: string;
  /** The envelope recipients the listener accepted. */
  to: string[];
  subject: string;
  attachments: { filename: string; content: Buffer | NodeJS.ReadableStream }[];
}

export const inboundStatuses = ['pending', 'accepted', 'rejected'] as const;
export type InboundStatus = (typeof inboundStatuses)[number];
export type InboundRow = typeof inboundSubmissions.$inferSelect;

const reasonKeys: Record<InboundRejection, MessageKey> = {
  'no-attachment': 'inbound.reason.noAttachment',
  'too-many-attachments': 'inbound.reason.tooManyAttachments',
  'file-type': 'inbound.reason.fileType',
  'content-mismatch': 'inbound.reason.contentMismatch',
  'file-too-large': 'inbound.reason.fileTooLarge',
  'unknown-address': 'inbound.reason.unknownAddress',
  'no-meeting': 'inbound.reason.noMeeting',
  'deadline-passed': 'inbound.reason.deadlinePassed',
  'rate-limited': 'inbound.reason.rateLimited',
};

const decided = () => new DomainError('inbound-decided', 409, 'inbound.error.decided');
const MAX_TITLE = 300;
const HOUR_MS = 3_600_000;

// ---- replies

type Compose = (t: Translate) => { subject: string; text: string };

/** English always; a Chinese version follows for accounts that prefer Chinese. */
async function sendReply(db: DbOrTx, to: string, locale: Locale, compose: Compose): Promise<void> {
  const versions = (locale === 'en' ? ['en' as const] : ['en' as const, locale]).map((l) => compose(translator(l)));
  await queueMail(db, {
    kind: 'inbound-reply',
    to,
    subject: versions.map((v) => v.subject).join(' / '),
    text: versions.map((v) => v.text).join('\n\n————————\n\n'),
  });
}

const rejectionReply =
  (reason: InboundRejection, address: string, subject: string): Compose =>
  (t) => ({
    subject: t('inbound.mail.rejected.subject', { subject: subject || '—' }),
    text: t('inbound.mail.rejected.body', { address, subject: subject || '—', reason: t(reasonKeys[reason], { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) }),
  });

// ---- receiving

const normalise = (address: string) => address.trim().toLowerCase();

/** The group that takes contributions at one of these addresses. */
async function groupForRecipients(ctx: AppContext, recipients: string[]): Promise<GroupRow | null> {
  const addresses = [...new Set(recipients.map(normalise).filter(Boolean))];
  if (addresses.length === 0) return null;
  const [group] = await ctx.db
    .select()
    .from(groups)
    .where(inArray(sql`lower(${groups.contributionEmail})`, addresses))
    .orderBy(groups.id)
    .limit(1);
  return group ?? null;
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
  const title = subject
    .replace(/\[([^\]]{1,12})\]/g, (tag, inside: string) => {
      const label = inside.toUpperCase().replace(/\s+/g, '');
      if (!labels.has(label)) return tag;
      if (!workingGroups.includes(label)) workingGroups.push(label);
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { title: (title || filename.trim() || '—').slice(0, MAX_TITLE), workingGroups };
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
    return { ok: true, file: await acceptFile(ctx, { ...stored, filename: attachment.filename }) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, reason: error.fieldErrors[0]?.message === 'error.fileType' ? 'file-type' : 'content-mismatch' };
  }
}

/** Logs the mail first, so concurrent mails from one sender see each other; true when over the hourly limit. */
async function logAndCheckRate(ctx: AppContext, from: string): Promise<{ logId: number; limited: boolean }> {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(inboundMailLog).values({ fromAddress: from, outcome: 'processing', receivedAt: now }).returning({ id: inboundMailLog.id });
  const [counted] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(inboundMailLog)
    .where(and(eq(inboundMailLog.fromAddress, from), gt(inboundMailLog.receivedAt, new Date(now.getTime() - HOUR_MS)), lte(inboundMailLog.id, row!.id)));
  return { logId: row!.id, limited: counted!.n > ctx.config.inboundRatePerHour };
}

/**
 * A mail to a group's contribution address. From a known account with one allowed attachment it
 * becomes a numbered contribution; from anyone else it waits for the secretariat. Every outcome but
 * the rate limit is answered by mail, and a refused mail leaves nothing stored.
 */
export async function receiveContribution(ctx: AppContext, mail: InboundMail): Promise<InboundOutcome> {
  const from = normalise(mail.from);
  const { logId, limited } = await logAndCheckRate(ctx, from);
  let outcome: InboundOutcome | undefined;
  try {
    outcome = limited ? { kind: 'rejected', reason: 'rate-limited' } : await handle(ctx, mail, from);
    return outcome;
  } finally {
    const label = !outcome ? 'failed' : outcome.kind === 'rejected' ? `rejected:${outcome.reason}` : outcome.kind;
    await ctx.db.update(inboundMailLog).set({ outcome: label }).where(eq(inboundMailLog.id, logId));
  }
}

async function handle(ctx: AppContext, mail: InboundMail, from: string): Promise<InboundOutcome> {
  const subject = mail.subject.trim();
  const account = await findActorByEmail(ctx, from);
  // An unverified account does not prove the address is its owner's: such mail waits for the secretariat.
  const sender = account?.emailVerified ? account : null;
  const preferred = sender?.preferredLanguage;
  const locale: Locale = isLocale(preferred) ? preferred : 'en';
  const group = await groupForRecipients(ctx, mail.to);
  const reject = async (reason: InboundRejection): Promise<InboundOutcome> => {
    await sendReply(ctx.db, from, locale, rejectionReply(reason, group?.contributionEmail || mail.to[0] || '', subject));
    return { kind: 'rejected', reason };
  };
  if (!group) return reject('unknown-address');
  if (mail.attachments.length === 0) return reject('no-attachment');
  if (mail.attachments.length > 1) return reject('too-many-attachments');
  const meeting = await nextMeeting(ctx, group);
  if (!meeting) return reject('no-meeting');
  const staff = await canManageGroupContent(ctx, sender, group.id);
  if (contributionTiming(ctx, meeting, staff) === 'refused') return reject('deadline-passed');

  const stored = await storeAttachment(ctx, mail.attachments[0]!);
  if (!stored.ok) return reject(stored.reason);
  const { title, workingGroups } = await readSubject(ctx, group.id, subject, stored.file.filename);
  const meetingTitle = pick(meeting.meeting.title, locale);

  if (!sender) {
    const [row] = await ctx.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(inboundSubmissions)
        .values({
          groupId: group.id,
          meetingId: meeting.meeting.id,
          fromAddress: from,
          fromName: (mail.fromName ?? '').trim().slice(0, 200),
          subject: subject.slice(0, 1000),
          filename: stored.file.filename,
          fileHash: stored.file.hash,
          fileSize: stored.file.size,
          mediaType: stored.file.mediaType,
          createdAt: ctx.clock.now(),
        })
        .returning({ id: inboundSubmissions.id });
      await sendReply(tx, from, locale, (t) => ({
        subject: t('inbound.mail.queued.subject', { title }),
        text: t('inbound.mail.queued.body', { title, filename: stored.file.filename, meeting: meetingTitle }),
      }));
      return inserted;
    }).catch(async (error: unknown) => {
      await discardIfUnreferenced(ctx, stored.file.hash);
      throw error;
    });
    return { kind: 'queued', id: row!.id };
  }

  let doc: DocumentRow;
  try {
    doc = await submitDocument(
      ctx,
      sender,
      meeting.meeting.id,
      { title, keywords: [], sources: [], workingGroups, contacts: [{ name: `${sender.givenName} ${sender.familyName}`.trim(), organization: '', email: from }] },
      stored.file,
      { via: 'email', needsDetails: true },
    );
  } catch (error) {
    await discardIfUnreferenced(ctx, stored.file.hash);
    if (error instanceof DomainError && error.type === 'contribution-deadline-passed') return reject('deadline-passed');
    throw error;
  }
  const link = `${ctx.config.baseUrl}/documents/${doc.number}/edit`;
  // The document exists now: failing the mail would make the sending server retry and number it twice.
  await sendReply(ctx.db, from, locale, (t) => ({
    subject: t('inbound.mail.numbered.subject', { number: doc.number, title }),
    text: t('inbound.mail.numbered.body', { number: doc.number, title, meeting: meetingTitle, link }),
  })).catch((error: unknown) => ctx.log.error({ err: error, number: doc.number }, 'inbound reply not queued'));
  return { kind: 'numbered', number: doc.number };
}

// ---- the secretariat's queue

export async function listInbound(ctx: AppContext, actor: Actor | null, status: InboundStatus = 'pending') {
  requireSecretariat(actor);
  return ctx.db
    .select({ submission: inboundSubmissions, groupCode: groups.code })
    .from(inboundSubmissions)
    .innerJoin(groups, eq(groups.id, inboundSubmissions.groupId))
    .where(eq(inboundSubmissions.status, status))
    .orderBy(desc(inboundSubmissions.createdAt), desc(inboundSubmissions.id));
}

/** One submission, with the stored file it carries (the secretariat looks at it before deciding). */
export async function getInbound(ctx: AppContext, actor: Actor | null, id: number): Promise<InboundRow> {
  requireSecretariat(actor);
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
  meetingId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ message: 'error.choice' }).int({ message: 'error.choice' }).positive({ message: 'error.choice' }).optional()),
  title: optionalText(MAX_TITLE),
});

/** The secretariat makes a waiting submission a document (owned by the secretariat) and tells the sender its number. */
export async function acceptInbound(ctx: AppContext, actor: Actor | null, id: number, input: { meetingId?: number | string; title?: string }): Promise<DocumentRow> {
  requireSecretariat(actor);
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
      { title: data.title || fromSubject.title, keywords: [], sources: [sender], workingGroups: fromSubject.workingGroups, contacts: [{ name: sender, organization: '', email: row.fromAddress }] },
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
    await tx.update(inboundSubmissions).set({ status: 'accepted', documentId: doc.id, meetingId: doc.meetingId }).where(eq(inboundSubmissions.id, id));
    await sendReply(tx, row.fromAddress, 'en', (t) => ({
      subject: t('inbound.mail.accepted.subject', { number: doc.number, title: doc.title }),
      text: t('inbound.mail.accepted.body', { number: doc.number, title: doc.title, link: `${ctx.config.baseUrl}/documents/${doc.number}` }),
    }));
  });
  await audit(ctx, actor, 'inbound.accept', `inbound:${id}`, { number: doc.number });
  return doc;
}

/** The secretariat turns a waiting submission down: the sender is told why and its file is not kept. */
export async function rejectInbound(ctx: AppContext, actor: Actor | null, id: number, reason: string): Promise<void> {
  requireSecretariat(actor);
  const why = parseInput(z.object({ reason: requiredText(1000, { lines: true }) }), { reason }).reason;
  const row = await ctx.db.transaction(async (tx) => {
    const claimed = await claim(tx, ctx.clock.now(), id, 'rejected', actor);
    await sendReply(tx, claimed.fromAddress, 'en', (t) => ({
      subject: t('inbound.mail.declined.subject', { subject: claimed.subject || claimed.filename }),
      text: t('inbound.mail.declined.body', { subject: claimed.subject || claimed.filename, reason: why }),
    }));
    return claimed;
  });
  await discardIfUnreferenced(ctx, row.fileHash);
  await audit(ctx, actor, 'inbound.reject', `inbound:${id}`, { reason: why });
}
