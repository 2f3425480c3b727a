import { defineModule } from '../../platform/modules/manifest.ts';
import { catalog } from './catalog/index.ts';
import { consoleRoutes } from './routes.ts';

export const consoleModule = defineModule({
  name: 'console',
  rank: 6,
  catalog,
  routes: [consoleRoutes],
});
