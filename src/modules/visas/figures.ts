import { count, eq } from 'drizzle-orm';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeFigures } from '../accounts/slots.ts';
import { visaPaths } from './paths.ts';
import { manageVisas } from './policies.ts';
import { visaRequests } from './schema.ts';

/** On the secretariat's home page: the visa requests waiting for a decision. */
export const visaRequestsWaiting = fillSlot({
  slot: homeFigures,
  key: 'visas',
  order: 10,
  render: async (ctx, req) => {
    if (!may(req.actor, manageVisas, undefined)) return null;
    const [row] = await ctx.db.select({ n: count() }).from(visaRequests).where(eq(visaRequests.status, 'requested'));
    return [{ value: row?.n ?? 0, label: req.t('home.visasWaiting'), href: visaPaths.queue({}, { status: 'requested' }) }];
  },
});
