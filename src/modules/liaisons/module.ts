import { defineModule } from '../../platform/modules/manifest.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { groupLinks } from '../groups/slots.ts';
import { liaisonApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { liaisonPages } from './pages.ts';
import { liaisonPaths } from './paths.ts';
import { defineLiaisonReminders } from './reminders.ts';

export const liaisonsModule = defineModule({
  name: 'liaisons',
  rank: 5,
  catalog,
  apiTags: [{ name: 'liaisons', description: 'Liaison statements a group receives from and sends to other bodies, and their replies' }],
  routes: [liaisonPages, liaisonApi],
  jobs: defineLiaisonReminders,
  slots: [
    fillSlot({
      slot: groupLinks,
      key: 'liaisons',
      order: 20,
      render: (_ctx, req, group) => [{ href: liaisonPaths.register({ code: group.code.toLowerCase() }), label: req.t('liaison.register') }],
    }),
  ],
});
