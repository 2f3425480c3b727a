import { and, eq, inArray } from 'drizzle-orm';
import { isSecretariat } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeFigures } from '../accounts/slots.ts';
import { officerGroupIds } from '../groups/service.ts';
import { meetingPaths } from '../meetings/paths.ts';
import { meetingsNotOver, sessionsOfMeetings } from '../meetings/queries.ts';
import { agendas } from './schema.ts';

/**
 * For those who prepare agendas (the secretariat, a group's officers): the sessions of meetings not over yet
 * that have no published agenda, leading to the soonest such meeting (its officers' tools).
 */
export const agendasToPublishFigure = fillSlot({
  slot: homeFigures,
  key: 'agendas-to-publish',
  order: 40,
  render: async (ctx, req) => {
    if (!req.actor) return null;
    const secretariat = isSecretariat(req.actor);
    const groups = secretariat ? undefined : await officerGroupIds(ctx, req.actor);
    const upcoming = await meetingsNotOver(ctx, groups);
    if (upcoming.length === 0) return null;
    const sessions = await sessionsOfMeetings(
      ctx.db,
      upcoming.map((m) => m.id),
    );
    const ids = [...sessions.values()].flat().map((s) => s.id);
    const published =
      ids.length === 0
        ? new Set<number>()
        : new Set(
            (
              await ctx.db
                .selectDistinct({ sessionId: agendas.sessionId })
                .from(agendas)
                .where(and(inArray(agendas.sessionId, ids), eq(agendas.status, 'published')))
            ).map((r) => r.sessionId),
          );
    const missing = (meetingId: number) => (sessions.get(meetingId) ?? []).filter((s) => !published.has(s.id)).length;
    const first = upcoming.find((m) => missing(m.id) > 0) ?? upcoming[0]!;
    const value = upcoming.reduce((sum, m) => sum + missing(m.id), 0);
    const anchor = secretariat ? '#sessions-h' : '#officer-tools';
    return [{ value, label: req.t('home.agendasToPublish'), href: `${meetingPaths.meeting({ id: first.id })}${anchor}` }];
  },
});
