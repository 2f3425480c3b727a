import { defineModule } from '../../platform/modules/manifest.ts';
import { catalog } from './catalog/index.ts';
import { consolePages } from './pages.ts';

export const consoleModule = defineModule({
  name: 'console',
  rank: 6,
  catalog,
  routes: [consolePages],
});
