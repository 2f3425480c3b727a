import { defineModule } from '../../platform/modules/manifest.ts';
import { mailingListRoutes } from './routes.ts';
import { resealListSecrets } from './service.ts';

export const mailingListsModule = defineModule({
  name: 'mailing-lists',
  routes: [mailingListRoutes],
  reseal: [resealListSecrets],
});
