import { defineModule } from '../../platform/modules/manifest.ts';
import { secretariatMenu } from '../../platform/ui/menus.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { organizationApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { organizationPages } from './pages.ts';
import { organizationPaths } from './paths.ts';
import { membershipOf } from './queries.ts';

export const organizationsModule = defineModule({
  name: 'organizations',
  rank: 2,
  catalog,
  apiTags: [{ name: 'organizations', description: 'Organizations whose people register, and their focal points (secretariat)' }],
  routes: [organizationPages, organizationApi],
  slots: [
    fillSlot({
      slot: secretariatMenu,
      key: 'organizations',
      order: 45,
      render: (_ctx, req) => [{ href: organizationPaths.list(), label: req.t('organization.title') }],
    }),
  ],
  personalData: [
    {
      key: 'organization',
      export: async (ctx, person) => {
        const membership = await membershipOf(ctx, person.accountId);
        return (
          membership && { name: membership.organization.name, country: membership.organization.country, focalPoint: membership.focalPoint }
        );
      },
    },
  ],
});
