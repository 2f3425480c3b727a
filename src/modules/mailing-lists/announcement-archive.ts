import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { meetingTitles } from '../meetings/queries.ts';
import { announcements } from './schema.ts';

export type AnnouncementRow = typeof announcements.$inferSelect;

export async function findAnnouncement(ctx: AppContext, group: GroupRow, id: number): Promise<AnnouncementRow> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db
    .select()
    .from(announcements)
    .where(and(eq(announcements.id, id), eq(announcements.groupId, group.id)));
  if (!row) throw new NotFoundError();
  return row;
}

/** The public archive: subject, body, date — never who received it. */
export async function publicAnnouncement(ctx: AppContext, groupCode: string, id: number) {
  const group = await findGroup(ctx, groupCode);
  const announcement = await findAnnouncement(ctx, group, id);
  const { meetingId } = announcement;
  const title = meetingId ? (await meetingTitles(ctx, [meetingId])).get(meetingId) : undefined;
  const meeting = meetingId && title ? { id: meetingId, title } : null;
  return { group, announcement, meeting };
}

export function listAnnouncements(ctx: AppContext, groupId: number, limit = 100) {
  return ctx.db
    .select({ id: announcements.id, subject: announcements.subject, sentAt: announcements.sentAt, circularId: announcements.circularId })
    .from(announcements)
    .where(eq(announcements.groupId, groupId))
    .orderBy(desc(announcements.sentAt), desc(announcements.id))
    .limit(limit);
}
