import { count, eq } from 'drizzle-orm';
import { may } from '../../../platform/policy.ts';
import { fillSlot } from '../../../platform/ui/slots.ts';
import { homeFigures } from '../../accounts/slots.ts';
import { documentPaths } from '../paths.ts';
import { manageDocumentIntake } from '../policies.ts';
import { inboundSubmissions } from '../schema.ts';

/** On the secretariat's home page: the contributions received by mail still to be filed. */
export const inboundWaiting = fillSlot({
  slot: homeFigures,
  key: 'inbound',
  order: 20,
  render: async (ctx, req) => {
    if (!may(req.actor, manageDocumentIntake, undefined)) return null;
    const [row] = await ctx.db.select({ n: count() }).from(inboundSubmissions).where(eq(inboundSubmissions.status, 'pending'));
    return [{ value: row?.n ?? 0, label: req.t('home.inboundWaiting'), href: documentPaths.inbound() }];
  },
});
