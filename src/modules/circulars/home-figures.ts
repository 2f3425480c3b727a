import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeFigures } from '../accounts/slots.ts';
import { meetingsNotOver } from '../meetings/queries.ts';
import { circularPaths } from './paths.ts';
import { manageCirculars } from './policies.ts';
import { circularStatus, listCirculars } from './service.ts';

/** The soonest meetings looked at: a handful are not over at any time, and each costs a few reads. */
const MEETINGS_LOOKED_AT = 20;

/**
 * On the secretariat's home page: the meetings whose issued circular no longer matches what participants
 * act on (dates, deadlines, venue), so a corrigendum is due; leads to the soonest one's circular.
 */
export const corrigendaDueFigure = fillSlot({
  slot: homeFigures,
  key: 'corrigenda-due',
  order: 50,
  render: async (ctx, req) => {
    if (!may(req.actor, manageCirculars, undefined)) return null;
    const upcoming = (await meetingsNotOver(ctx)).slice(0, MEETINGS_LOOKED_AT);
    const withCircular = (await Promise.all(upcoming.map(async (m) => ((await listCirculars(ctx, m.id)).length > 0 ? m : null)))).filter(
      (m) => m !== null,
    );
    if (withCircular.length === 0) return null;
    const statuses = await Promise.all(withCircular.map((m) => circularStatus(ctx, req.actor, m.id)));
    const due = withCircular.filter((_, i) => statuses[i]!.changes.length > 0);
    const first = due[0] ?? withCircular[0]!;
    return [{ value: due.length, label: req.t('home.corrigendaDue'), href: circularPaths.manage({ id: first.id }) }];
  },
});
