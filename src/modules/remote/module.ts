import { defineModule } from '../../platform/modules/manifest.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { meetingSections } from '../meetings/slots.ts';
import { defineRemoteDetailsJob } from './mail.ts';
import { remoteRoutes } from './routes.ts';
import { meetingRemoteSection } from './section.ts';
import { sealRemoteAccess } from './service.ts';

export const remoteModule = defineModule({
  name: 'remote',
  routes: [remoteRoutes],
  slots: [fillSlot({ slot: meetingSections, key: 'remote', order: 10, render: meetingRemoteSection })],
  jobs: defineRemoteDetailsJob,
  reseal: [sealRemoteAccess],
});
