import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { queueMails } from '../../platform/mail/outbox.ts';
import { contactsOf } from '../accounts/queries.ts';
import { lockMeetingCapacity } from '../meetings/queries.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { registrationMail } from './mail.ts';
import { queueTime } from './rules.ts';
import { registrations } from './schema.ts';
import { decide } from './state.ts';

/**
 * Serialises place-taking: every change that takes or frees an in-person place holds the meeting row's
 * lock until it commits (pretix does the same with advisory locks); the registration's own row is locked
 * after it, never before, so two changes cannot wait on each other. Registrations at meetings without a
 * limit need no meeting lock, so they run in parallel.
 */
export async function lockPlaces(tx: Tx, meetingId: number): Promise<{ capacity: number | null }> {
  const row = await lockMeetingCapacity(tx, meetingId);
  if (!row) throw new NotFoundError();
  return row;
}

/** In-person places taken at the meeting (by everyone but `exceptId`). */
export async function inPersonTaken(tx: Tx, meetingId: number, exceptId?: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        eq(registrations.mode, 'in-person'),
        eq(registrations.status, 'registered'),
        exceptId ? sql`${registrations.id} <> ${exceptId}` : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Whether an in-person place is free for this registration (under the meeting's lock). */
export async function placeIsFree(tx: Tx, meetingId: number, capacity: number | null, exceptId?: number): Promise<boolean> {
  return capacity === null || (await inPersonTaken(tx, meetingId, exceptId)) < capacity;
}

/** The waiting-list time a transition leaves: a new one at the end of the queue, the one kept, or none. */
export async function waitlistTime(
  tx: Tx,
  meetingId: number,
  queue: 'join' | 'keep' | 'none',
  current: Date | null,
  now: Date,
): Promise<Date | null> {
  if (queue === 'keep') return current;
  if (queue === 'none') return null;
  return queueTime(now, await lastQueuedAt(tx, meetingId));
}

/** When the last person waiting at the meeting joined its queue; null when nobody waits. */
export async function lastQueuedAt(tx: Tx, meetingId: number): Promise<Date | null> {
  const [last] = await tx
    .select({ at: max(registrations.waitlistedAt) })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')));
  return last?.at ?? null;
}

/**
 * Gives free in-person places to the waiting list, in queue order (waitlistedAt, id), and tells each
 * person by mail — in the transaction that freed them, under the meeting's lock. Returns how many were
 * promoted. `known`: the meeting as the caller already read it (for the mails).
 */
export async function promoteWaitlist(
  ctx: AppContext,
  tx: Tx,
  meetingId: number,
  capacity: number | null,
  known?: MeetingDetail,
): Promise<number> {
  const free = capacity === null ? null : capacity - (await inPersonTaken(tx, meetingId));
  if (free !== null && free <= 0) return 0;
  const waiting = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.id))
    .limit(free ?? 100_000)
    .for('update');
  const people = await contactsOf(
    ctx,
    waiting.map((r) => r.accountId),
    tx,
  );
  const next = waiting.flatMap((registration) => {
    const person = people.get(registration.accountId);
    return person ? [{ registration, person }] : [];
  });
  if (next.length === 0) return 0;
  for (const { registration } of next) {
    decide(registration.status, { type: 'promote' }, { mode: registration.mode, open: true, placeFree: true });
  }
  const now = ctx.clock.now();
  await tx
    .update(registrations)
    .set({ status: 'registered', waitlistedAt: null, updatedAt: now })
    .where(
      inArray(
        registrations.id,
        next.map((n) => n.registration.id),
      ),
    );
  const detail = known ?? (await getMeeting(ctx, meetingId, tx));
  await queueMails(
    tx,
    next.map(({ registration, person }) => registrationMail(ctx, detail, { ...registration, status: 'registered' }, 'promoted', person)),
  );
  return next.length;
}
