import type { AppContext } from '../../platform/context.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import type { Actor } from '../accounts/profile.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import type { DocumentRow } from './queries.ts';

const notAReservation = (number: string) =>
  new ValidationError([{ field: 'reservation', message: 'error.notAReservation', params: { number } }]);

/**
 * The reservation a submission fills: one of this meeting's (422 naming `reservation` otherwise), made by the
 * submitter unless staff fill it (403), not filled yet (409 reservation-filled) nor withdrawn (409).
 */
export function checkReservation(
  doc: DocumentRow | undefined,
  number: string,
  meetingId: number,
  actor: Actor,
  staff: boolean,
): DocumentRow {
  if (!doc || doc.meetingId !== meetingId || !doc.reservedAt) throw notAReservation(number);
  if (doc.ownerId !== actor.id && !staff) throw new ForbiddenError();
  if (doc.status !== 'reserved') throw reservationFilledError(doc.number);
  if (doc.withdrawnAt) throw new ConflictError('document-withdrawn', 'error.documentWithdrawn');
  return doc;
}

export const reservationFilledError = (number: string) => new ConflictError('reservation-filled', 'error.reservationFilled', { number });

/** A reservation's type must be the submission's: the number says it. */
export function checkReservedType(doc: DocumentRow, type: string): void {
  if (type !== doc.type) throw new ValidationError([{ field: 'type', message: 'error.reservationType', params: { number: doc.number } }]);
}

/** A reservation not filled by the end of the contribution deadline's day (the meeting's time zone) lapses: "not submitted". */
export function reservationLapsed(ctx: AppContext, doc: { status: string }, detail: MeetingDetail): boolean {
  return doc.status === 'reserved' && ctx.clock.now() >= deadlineClosesAt(detail.deadlines.contributions, detail.meeting.timeZone);
}

/** Whether the meeting's contribution deadline has ended: every reservation still open has lapsed. */
export function contributionsClosed(ctx: AppContext, detail: MeetingDetail): boolean {
  return reservationLapsed(ctx, { status: 'reserved' }, detail);
}
