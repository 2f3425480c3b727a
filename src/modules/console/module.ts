import { defineModule } from '../../platform/modules/manifest.ts';
import { consoleRoutes } from './routes.ts';

export const consoleModule = defineModule({
  name: 'console',
  routes: [consoleRoutes],
});
