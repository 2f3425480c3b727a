import { and, count, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { registrationRefs } from '../registrations/queries.ts';
import { visaRequests } from './schema.ts';

/** How many visa requests wait for a decision in each of the meetings `ids`: one query for the list. */
export async function waitingVisaRequestsByMeeting(ctx: AppContext, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const registrations = registrationRefs(ctx.db);
  const rows = await ctx.db
    .select({ meetingId: registrations.meetingId, n: count() })
    .from(visaRequests)
    .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
    .where(and(inArray(registrations.meetingId, ids), eq(visaRequests.status, 'requested'), eq(registrations.awaitingApproval, false)))
    .groupBy(registrations.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n]));
}
