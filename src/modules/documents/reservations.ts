import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import { authorize } from '../../platform/policy.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import type { Actor } from '../accounts/profile.ts';
import { getMeeting } from '../meetings/service.ts';
import { checkWorkingGroups, documentDetailsSchema } from './details.ts';
import { nextSeq } from './numbering.ts';
import { submitDocumentOfType } from './policies.ts';
import type { DocumentRow } from './queries.ts';
import { documentNumber, documentPrefix } from './rules.ts';
import { documents } from './schema.ts';
import { prepareSubmission } from './submission.ts';
import { documentTypes } from './vocabulary.ts';

const reservationSchema = documentDetailsSchema.pick({ title: true, workingGroups: true }).extend({
  type: oneOf(documentTypes).default('I'),
  // Who submits it names the reservation in the list: required here (a submission may leave it to the contacts).
  sources: documentDetailsSchema.shape.sources.pipe(z.array(z.string()).min(1, { message: 'error.required' })),
});
type ReservationInput = z.input<typeof reservationSchema>;

/**
 * Reserves the next number of the meeting's group for a document to be uploaded later: the same policy,
 * deadline and counter (under the same lock) as a submission, so reserved and uploaded numbers never collide
 * nor leave a gap.
 */
export async function reserveDocument(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: ReservationInput,
): Promise<DocumentRow> {
  const { actor: person, detail, group, staff, deadlineClass, heldOverFrom } = await prepareSubmission(ctx, actor, meetingId);
  const data = parseInput(reservationSchema, input);
  authorize(person, submitDocumentOfType, { type: data.type, contentManager: staff });
  const workingGroups = await checkWorkingGroups(ctx, group.id, data.workingGroups);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const seq = await nextSeq(tx, group.id, data.type);
    const [row] = await tx
      .insert(documents)
      .values({
        ...data,
        workingGroups,
        number: documentNumber(documentPrefix(group), data.type, seq),
        groupId: group.id,
        meetingId: detail.meeting.id,
        seq,
        late: deadlineClass === 'late',
        deadlineClass,
        heldOverFrom: heldOverFrom?.meeting.id ?? null,
        status: 'reserved',
        reservedAt: now,
        ownerId: person.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!;
  });
}

/** The person's reservations for a meeting, filled or not, newest first (the deadline does not matter here). */
export async function myReservations(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<DocumentRow[]> {
  if (!actor) throw new UnauthenticatedError();
  await getMeeting(ctx, meetingId);
  return ctx.db
    .select()
    .from(documents)
    .where(and(eq(documents.meetingId, meetingId), eq(documents.ownerId, actor.id), isNotNull(documents.reservedAt)))
    .orderBy(desc(documents.id));
}

/** The meeting's reservation `number`, while still to fill; undefined otherwise. */
export async function reservationOfMeeting(ctx: AppContext, meetingId: number, number: string): Promise<DocumentRow | undefined> {
  const [doc] = await ctx.db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.number, number),
        eq(documents.meetingId, meetingId),
        eq(documents.status, 'reserved'),
        isNull(documents.withdrawnAt),
      ),
    );
  return doc;
}
