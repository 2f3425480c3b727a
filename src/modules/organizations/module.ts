import { defineModule } from '../../platform/modules/manifest.ts';
import { organizationApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { membershipOf } from './queries.ts';

export const organizationsModule = defineModule({
  name: 'organizations',
  rank: 2,
  catalog,
  apiTags: [{ name: 'organizations', description: 'Organizations whose people register, and their focal points (secretariat)' }],
  routes: [organizationApi],
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
