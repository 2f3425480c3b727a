import { Readable } from 'node:stream';
import type { AppContext } from '../../../platform/context.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { DomainError, ValidationError } from '../../../platform/errors.ts';
import { holdStoredFile } from '../../../platform/files/references.ts';
import { FileTooLargeError } from '../../../platform/files/store.ts';
import { MAX_UPLOAD_BYTES } from '../../../platform/http/multipart.ts';
import { isLocale, type Locale, pick } from '../../../platform/i18n/index.ts';
import { dateInZone } from '../../../platform/time.ts';
import { findActorByEmail } from '../../accounts/queries.ts';
import { groupByContributionAddress } from '../../groups/queries.ts';
import { canManageGroupContent, type GroupRow } from '../../groups/service.ts';
import { getMeeting, listGroupMeetings, type MeetingDetail } from '../../meetings/service.ts';
import type { IncomingFile } from '../files.ts';
import { acceptFile, usingStoredFile } from '../files.ts';
import { documentPaths } from '../paths.ts';
import type { DocumentRow } from '../queries.ts';
import { inboundSubmissions } from '../schema.ts';
import { contributionOutcome, submitDocument } from '../submission.ts';
import { type InboundRejection, inboundRejectionLabel } from '../vocabulary.ts';
import { checkQueueRoom, queueLock } from './queue-caps.ts';
import { type Compose, sendReply } from './replies.ts';
import { cleanMessageId, cleanSubject, replyKind, type SenderCheck } from './rules.ts';
import { readSubject } from './subject.ts';

export type InboundOutcome =
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

/** Names nothing of the mail (its subject, its file): the address it was sent to and why it was refused. */
const rejectionReply =
  (reason: InboundRejection, address: string): Compose =>
  (t) => ({
    subject: t('inbound.mail.rejected.subject'),
    text: t('inbound.mail.rejected.body', { address, reason: t(inboundRejectionLabel[reason], { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }) }),
  });

export const normalise = (address: string) => address.trim().toLowerCase();

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

const sizeOf = (content: Buffer | NodeJS.ReadableStream) => (Buffer.isBuffer(content) ? content.length : 0);

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
  // The same deadline classes as the web: refused here before anything is stored; a held-over one is numbered
  // for the group's following meeting by submitDocument, or refused when there is none.
  if (contributionOutcome(ctx, meeting, staff).fate === 'refuse') return reject('deadline-passed');

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
    if (error instanceof DomainError && (error.type === 'contribution-deadline-passed' || error.type === 'no-next-meeting'))
      return reject('deadline-passed');
    throw error;
  }
  if (made.kind === 'queued') return made;
  const { doc, title } = made;
  // Held over: the reply names the meeting the document went to.
  const heldTo = doc.meetingId !== null && doc.meetingId !== meeting.meeting.id ? await getMeeting(ctx, doc.meetingId) : null;
  const numberedFor = heldTo ? pick(heldTo.meeting.title, locale) : meetingTitle;
  const link = `${ctx.config.baseUrl}${documentPaths.edit({ number: doc.number })}`;
  // The document exists now: failing the mail would make the sending server retry and number it twice.
  await reply(ctx.db, (t) => ({
    subject: t('inbound.mail.numbered.subject', { number: doc.number, title }),
    text: t('inbound.mail.numbered.body', { number: doc.number, title, meeting: numberedFor, link }),
  })).catch((error: unknown) => ctx.log.error({ err: error, number: doc.number }, 'inbound reply not queued'));
  return { kind: 'numbered', number: doc.number };
}
