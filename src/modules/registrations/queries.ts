import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { people } from '../accounts/queries.ts';
import { registrations } from './schema.ts';
import { type ParticipationMode, type RegistrationStatus, standingStatuses } from './vocabulary.ts';

interface RegistrationRef {
  id: number;
  accountId: number;
  status: RegistrationStatus;
  mode: ParticipationMode;
}

/** A meeting's registrations (all statuses unless `statuses` is given), oldest first. */
export function registrationsOfMeeting(
  ctx: AppContext,
  meetingId: number,
  filter: { statuses?: RegistrationStatus[]; mode?: ParticipationMode } = {},
): Promise<RegistrationRef[]> {
  return ctx.db
    .select({ id: registrations.id, accountId: registrations.accountId, status: registrations.status, mode: registrations.mode })
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        filter.statuses ? inArray(registrations.status, filter.statuses) : undefined,
        filter.mode ? eq(registrations.mode, filter.mode) : undefined,
      ),
    )
    .orderBy(asc(registrations.id));
}

/**
 * Registrations as other modules join on them (a visa request to its registration's number, meeting and
 * person), without reading the registrations table itself.
 */
export const registrationRefs = (db: DbOrTx) =>
  db
    .select({
      id: registrations.id,
      number: registrations.number,
      meetingId: registrations.meetingId,
      accountId: registrations.accountId,
      /** Waiting for a focal point: what hangs on it (a visa request) does not reach the secretariat yet. */
      awaitingApproval: sql<boolean>`${registrations.status} = 'pending-approval'`.as('awaiting_approval'),
    })
    .from(registrations)
    .as('registration_refs');

interface Attendance {
  status: RegistrationStatus;
  mode: ParticipationMode;
  /** Subgroup labels of the sessions attended. */
  sessions: string[];
}

/** The account's registration for the meeting, as what it attends, or undefined. */
export async function attendanceOf(ctx: AppContext, meetingId: number, accountId: number): Promise<Attendance | undefined> {
  const [row] = await ctx.db
    .select({ status: registrations.status, mode: registrations.mode, sessions: registrations.sessions })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.accountId, accountId)));
  return row;
}

/** What each registered participant of the meeting attends, oldest registration first. */
export function registeredAttendance(ctx: AppContext, meetingId: number): Promise<(Attendance & { accountId: number })[]> {
  return ctx.db
    .select({
      accountId: registrations.accountId,
      status: registrations.status,
      mode: registrations.mode,
      sessions: registrations.sessions,
    })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'registered')))
    .orderBy(asc(registrations.id));
}

/** How many registrations still stand (registered, waiting for a place or for approval) at each of the meetings `ids`: one query. */
export async function registrationCountsByMeeting(ctx: AppContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ meetingId: registrations.meetingId, n: count() })
    .from(registrations)
    .where(and(inArray(registrations.meetingId, ids), inArray(registrations.status, standingStatuses)))
    .groupBy(registrations.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n]));
}

/**
 * Who took part in a meeting, for its report: the registered (not those waiting, declined or cancelled) by mode
 * and by country, and how many were still waiting for a place. One query.
 */
export async function attendanceFigures(
  ctx: AppContext,
  meetingId: number,
): Promise<{ registered: { mode: ParticipationMode; country: string; count: number }[]; waitlisted: number }> {
  const p = people(ctx.db);
  const rows = await ctx.db
    .select({ status: registrations.status, mode: registrations.mode, country: p.country, n: count() })
    .from(registrations)
    .innerJoin(p, eq(p.id, registrations.accountId))
    .where(and(eq(registrations.meetingId, meetingId), inArray(registrations.status, ['registered', 'waitlisted'])))
    .groupBy(registrations.status, registrations.mode, p.country);
  return {
    registered: rows.filter((r) => r.status === 'registered').map((r) => ({ mode: r.mode, country: r.country, count: r.n })),
    waitlisted: rows.filter((r) => r.status === 'waitlisted').reduce((sum, r) => sum + r.n, 0),
  };
}
