import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { mainNav } from '../../platform/ui/menus.ts';
import { catalog } from './catalog/index.ts';
import { consolePages } from './pages.ts';
import { consolePaths } from './paths.ts';
import { openConsole } from './policies.ts';

export const consoleModule = defineModule({
  name: 'console',
  rank: 6,
  catalog,
  routes: [consolePages],
  plugs: [
    plugInto(mainNav, 'console', {
      href: consolePaths.console(),
      label: 'nav.console',
      order: 90,
      offeredTo: (actor) => may(actor, openConsole, undefined),
    }),
  ],
});
