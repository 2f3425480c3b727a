import { and, count, inArray } from 'drizzle-orm';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeFigures } from '../accounts/slots.ts';
import { meetingsNotOver } from '../meetings/queries.ts';
import { registrationPaths } from './paths.ts';
import { manageRegistrations } from './policies.ts';
import { registrations } from './schema.ts';
import { standingStatuses } from './vocabulary.ts';

/** On the secretariat's home page: the registrations (not cancelled) of the meetings not over yet. */
export const registrationsFigure = fillSlot({
  slot: homeFigures,
  key: 'registrations',
  order: 5,
  render: async (ctx, req) => {
    if (!may(req.actor, manageRegistrations, undefined)) return null;
    const upcoming = await meetingsNotOver(ctx);
    if (upcoming.length === 0) return null;
    const [row] = await ctx.db
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          inArray(
            registrations.meetingId,
            upcoming.map((m) => m.id),
          ),
          inArray(registrations.status, standingStatuses),
        ),
      );
    return [{ value: row?.n ?? 0, label: req.t('home.registrationsUpcoming'), href: registrationPaths.console({ id: upcoming[0]!.id }) }];
  },
});
