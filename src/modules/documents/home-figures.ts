import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { isSecretariat } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeFigures } from '../accounts/slots.ts';
import { officerGroupIds } from '../groups/service.ts';
import { meetingPaths } from '../meetings/paths.ts';
import { meetingsNotOver } from '../meetings/queries.ts';
import { receivedOnly } from './queries.ts';
import { documents } from './schema.ts';

/**
 * On the home page of the secretariat (all meetings) and of a group's officers (their groups' meetings): the
 * late contributions of the meetings not over yet, leading to the soonest meeting that has any.
 */
export const lateDocumentsFigure = fillSlot({
  slot: homeFigures,
  key: 'late-documents',
  order: 30,
  render: async (ctx, req) => {
    if (!req.actor) return null;
    const groups = isSecretariat(req.actor) ? undefined : await officerGroupIds(ctx, req.actor);
    const upcoming = await meetingsNotOver(ctx, groups);
    if (upcoming.length === 0) return null;
    const rows = await ctx.db
      .select({ meetingId: documents.meetingId, n: count() })
      .from(documents)
      .where(
        and(
          inArray(
            documents.meetingId,
            upcoming.map((m) => m.id),
          ),
          eq(documents.late, true),
          isNull(documents.withdrawnAt),
          receivedOnly,
        ),
      )
      .groupBy(documents.meetingId);
    const late = new Map(rows.map((r) => [r.meetingId, r.n]));
    const first = upcoming.find((m) => late.has(m.id)) ?? upcoming[0]!;
    const value = rows.reduce((sum, r) => sum + r.n, 0);
    return [{ value, label: req.t('home.lateDocuments'), href: `${meetingPaths.meeting({ id: first.id })}#documents` }];
  },
});
