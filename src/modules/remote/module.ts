import { plugInto, provide } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { meetingSections } from '../meetings/slots.ts';
import { meetingTabs } from '../meetings/tabs.ts';
import { calendarJoinDetails } from '../registrations/extensions.ts';
import { remoteApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { defineRemoteDetailsJob } from './mail.ts';
import { remotePages } from './pages.ts';
import { remotePaths } from './paths.ts';
import { manageRemoteAccess } from './policies.ts';
import { meetingRemoteSection } from './section.ts';
import { sealRemoteAccess, sessionJoinForFeed } from './service.ts';

export const remoteModule = defineModule({
  name: 'remote',
  rank: 5,
  catalog,
  routes: [remotePages, remoteApi],
  plugs: [
    plugInto(meetingTabs, 'remote', {
      key: 'remote',
      label: 'remote.title',
      order: 40,
      staff: true,
      href: (d) => remotePaths.settings({ id: d.meeting.id }),
      offeredTo: (actor) => may(actor, manageRemoteAccess, undefined),
    }),
  ],
  slots: [fillSlot({ slot: meetingSections, key: 'remote', order: 10, render: meetingRemoteSection })],
  jobs: defineRemoteDetailsJob,
  reseal: [sealRemoteAccess],
  provides: [
    provide({
      point: calendarJoinDetails,
      key: 'remote-join',
      run: (ctx, { person, details, locale }) => sessionJoinForFeed(ctx, person, details, locale),
    }),
  ],
});
