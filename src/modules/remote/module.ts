import { defineModule } from '../../platform/modules/manifest.ts';
import { defineRemoteDetailsJob } from './mail.ts';
import { remoteRoutes } from './routes.ts';
import { sealRemoteAccess } from './service.ts';

export const remoteModule = defineModule({
  name: 'remote',
  routes: [remoteRoutes],
  jobs: defineRemoteDetailsJob,
  reseal: [sealRemoteAccess],
});
