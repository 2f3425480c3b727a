import { desc, eq, getTableName, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { groupCodes } from '../groups/queries.ts';
import { meetings } from './schema.ts';

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
