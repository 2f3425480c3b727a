import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { DomainError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { discardQuietly } from '../../../platform/files/references.ts';
import { type DocumentKind, documentExtensions, mediaTypes } from '../../../platform/files/sniff.ts';
import { authorize } from '../../../platform/policy.ts';
import { optionalText, parseInput, requiredText } from '../../../platform/validation.ts';
import { audit } from '../../accounts/audit.ts';
import { getMeeting } from '../../meetings/service.ts';
import { documentPaths } from '../paths.ts';
import { manageDocumentIntake } from '../policies.ts';
import type { DocumentRow } from '../queries.ts';
import { inboundSubmissions } from '../schema.ts';
import { submitDocument } from '../submission.ts';
import type { InboundRow } from './queue.ts';
import { referencesOf, sendReply } from './replies.ts';
import { MAX_TITLE, readSubject } from './subject.ts';

const decided = () => new DomainError('inbound-decided', 409, 'inbound.error.decided');

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
