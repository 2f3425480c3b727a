import { and, asc, desc, eq, getTableName, gte, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import { groupCodes, subgroupsByIds } from '../groups/queries.ts';
import { subgroupLabel } from '../groups/service.ts';
import { meetingSessions, meetings } from './schema.ts';
import type { SessionView } from './service.ts';
import type { MeetingMode } from './vocabulary.ts';

/** Every meeting, newest first, with its group's code: for the secretariat's lists. */
export async function allMeetings(ctx: AppContext): Promise<{ id: number; title: Record<string, string>; groupCode: string }[]> {
  const rows = await ctx.db
    .select({ id: meetings.id, title: meetings.title, groupId: meetings.groupId })
    .from(meetings)
    .orderBy(desc(meetings.id));
  const codes = await groupCodes(
    ctx,
    rows.map((r) => r.groupId),
  );
  return rows.map((r) => ({ id: r.id, title: r.title, groupCode: codes.get(r.groupId) ?? '' }));
}

/** The titles of the meetings `ids`, by id. */
export async function meetingTitles(ctx: AppContext, ids: number[]): Promise<Map<number, Record<string, string>>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: meetings.id, title: meetings.title })
    .from(meetings)
    .where(inArray(meetings.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** A meeting's group and time zone, or undefined. */
export async function meetingPlace(ctx: AppContext, id: number): Promise<{ groupId: number; timeZone: string } | undefined> {
  const [row] = await ctx.db.select({ groupId: meetings.groupId, timeZone: meetings.timeZone }).from(meetings).where(eq(meetings.id, id));
  return row;
}

/**
 * A meeting's in-person limit, read under the meeting row's lock (held until the caller's transaction ends):
 * what serialises the changes that take or free a place.
 */
export async function lockMeetingCapacity(tx: Tx, id: number): Promise<{ capacity: number | null } | undefined> {
  const [row] = await tx.select({ capacity: meetings.inPersonCapacity }).from(meetings).where(eq(meetings.id, id)).for('update');
  return row;
}

/** For a statement of another module's: the meeting `$meetingParam`'s in-person limit, as an SQL scalar subquery. */
export const meetingCapacitySql = (meetingParam: string) =>
  `(SELECT ${meetings.inPersonCapacity.name} FROM ${getTableName(meetings)} WHERE ${meetings.id.name} = ${meetingParam})`;

/** Who may see a meeting's participant list, or undefined for no such meeting. */
export async function participantListVisibilityOf(ctx: AppContext, id: number) {
  const [row] = await ctx.db
    .select({ id: meetings.id, visibility: meetings.participantListVisibility })
    .from(meetings)
    .where(eq(meetings.id, id));
  return row;
}

/** The meetings of the groups `groupIds`, newest first. */
export async function meetingsOfGroups(
  ctx: AppContext,
  groupIds: number[],
): Promise<{ id: number; groupId: number; title: Record<string, string> }[]> {
  if (groupIds.length === 0) return [];
  return ctx.db
    .select({ id: meetings.id, groupId: meetings.groupId, title: meetings.title })
    .from(meetings)
    .where(inArray(meetings.groupId, [...new Set(groupIds)]))
    .orderBy(desc(meetings.id));
}

/** Sets how many days before its first day a meeting's remote details are mailed, in the caller's transaction. */
export async function setRemoteDetailsDaysBefore(tx: Tx, meetingId: number, days: number, now: Date): Promise<void> {
  await tx.update(meetings).set({ remoteDetailsDaysBefore: days, updatedAt: now }).where(eq(meetings.id, meetingId));
}

/**
 * The meetings not over yet (a session ends on or after yesterday, so no zone is a day behind), soonest
 * first; only those of `groupIds` when given.
 */
export async function meetingsNotOver(ctx: AppContext, groupIds?: number[]): Promise<{ id: number; groupId: number }[]> {
  if (groupIds && groupIds.length === 0) return [];
  const yesterday = new Date(ctx.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
  const rows = await ctx.db
    .select({ id: meetings.id, groupId: meetings.groupId, firstDay: sql<string>`min(${meetingSessions.startDate})` })
    .from(meetings)
    .innerJoin(meetingSessions, eq(meetingSessions.meetingId, meetings.id))
    .where(groupIds ? inArray(meetings.groupId, groupIds) : undefined)
    .groupBy(meetings.id)
    .having(sql`max(${meetingSessions.endDate}) >= ${yesterday}`)
    .orderBy(sql`min(${meetingSessions.startDate})`);
  return rows.map((r) => ({ id: r.id, groupId: r.groupId }));
}

/** The meetings in one of `modes` with a session ending on or after `date`, each with the dates of all its sessions. */
export async function meetingsInModesEndingFrom(
  ctx: AppContext,
  modes: MeetingMode[],
  date: string,
): Promise<{ meeting: typeof meetings.$inferSelect; sessions: { startDate: string; endDate: string }[] }[]> {
  const rows = await ctx.db
    .select({ meeting: meetings, startDate: meetingSessions.startDate, endDate: meetingSessions.endDate })
    .from(meetings)
    .innerJoin(meetingSessions, eq(meetingSessions.meetingId, meetings.id))
    .where(
      and(
        inArray(meetings.mode, modes),
        inArray(
          meetings.id,
          ctx.db.select({ id: meetingSessions.meetingId }).from(meetingSessions).where(gte(meetingSessions.endDate, date)),
        ),
      ),
    );
  const byMeeting = new Map<number, { meeting: typeof meetings.$inferSelect; sessions: { startDate: string; endDate: string }[] }>();
  for (const r of rows) {
    const entry = byMeeting.get(r.meeting.id) ?? { meeting: r.meeting, sessions: [] };
    entry.sessions.push({ startDate: r.startDate, endDate: r.endDate });
    byMeeting.set(r.meeting.id, entry);
  }
  return [...byMeeting.values()];
}

/** A session with its meeting's title, time zone and group, or undefined. */
export async function sessionById(
  ctx: AppContext,
  id: number,
): Promise<
  | {
      id: number;
      meetingId: number;
      subgroupId: number;
      startDate: string;
      endDate: string;
      groupId: number;
      meetingTitle: Record<string, string>;
      timeZone: string;
    }
  | undefined
> {
  const [row] = await ctx.db
    .select({
      id: meetingSessions.id,
      meetingId: meetingSessions.meetingId,
      subgroupId: meetingSessions.subgroupId,
      startDate: meetingSessions.startDate,
      endDate: meetingSessions.endDate,
      groupId: meetings.groupId,
      meetingTitle: meetings.title,
      timeZone: meetings.timeZone,
    })
    .from(meetingSessions)
    .innerJoin(meetings, eq(meetings.id, meetingSessions.meetingId))
    .where(eq(meetingSessions.id, id));
  return row;
}

/** Locks the session's row for the rest of the transaction; false when there is no such session. */
export async function lockMeetingSession(tx: Tx, id: number): Promise<boolean> {
  const [row] = await tx.select({ id: meetingSessions.id }).from(meetingSessions).where(eq(meetingSessions.id, id)).for('update');
  return row !== undefined;
}

/** A `time` column's value ("09:30:00") as the "HH:MM" the service takes and gives. */
export const clockOf = (stored: string | null): string | null => (stored ? stored.slice(0, 5) : null);

/** The sessions of the meetings `meetingIds` by meeting, each list by first day, then task group before working groups by number. */
export async function sessionsOfMeetings(db: DbOrTx, meetingIds: number[]): Promise<Map<number, SessionView[]>> {
  const byMeeting = new Map<number, SessionView[]>();
  if (meetingIds.length === 0) return byMeeting;
  const rows = await db
    .select()
    .from(meetingSessions)
    .where(inArray(meetingSessions.meetingId, meetingIds))
    .orderBy(asc(meetingSessions.startDate), asc(meetingSessions.id));
  const subs = await subgroupsByIds(
    db,
    rows.map((r) => r.subgroupId),
  );
  const views = rows.flatMap((session) => {
    const sub = subs.get(session.subgroupId);
    if (!sub) return [];
    const view: SessionView = {
      id: session.id,
      subgroupId: sub.id,
      subgroup: subgroupLabel(sub),
      kind: sub.kind,
      number: sub.number,
      subgroupTitle: sub.title,
      startDate: session.startDate,
      endDate: session.endDate,
      startTime: clockOf(session.startTime),
      endTime: clockOf(session.endTime),
      room: session.room,
    };
    return [{ meetingId: session.meetingId, view }];
  });
  views.sort((a, b) => bySessionOrder(a.view, b.view));
  for (const { meetingId, view } of views) {
    const list = byMeeting.get(meetingId) ?? [];
    list.push(view);
    byMeeting.set(meetingId, list);
  }
  return byMeeting;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const compareNullsLast = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);
/** By first day, kind, then number, with no number last as PostgreSQL sorts nulls. */
const bySessionOrder = (a: SessionView, b: SessionView) =>
  compareText(a.startDate, b.startDate) || compareText(a.kind, b.kind) || compareNullsLast(a.number, b.number);
