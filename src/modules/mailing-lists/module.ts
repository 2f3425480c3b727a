import { defineModule } from '../../platform/modules/manifest.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { groupSections } from '../groups/slots.ts';
import { mailingListApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { mailingListPages, mailingListSection } from './pages.ts';
import { subscriptionsOfPerson } from './personal-data.ts';
import { subscribersToRemind } from './reminder-audience.ts';
import { resealListSecrets } from './reseal.ts';

export const mailingListsModule = defineModule({
  name: 'mailing-lists',
  rank: 5,
  catalog,
  apiTags: [{ name: 'mailing lists', description: 'Subscribing to a group’s announcements, and sending them' }],
  routes: [mailingListPages, mailingListApi],
  slots: [fillSlot({ slot: groupSections, key: 'mailing-list', order: 20, render: mailingListSection })],
  reseal: [resealListSecrets],
  personalData: [subscriptionsOfPerson],
  provides: [subscribersToRemind],
});
