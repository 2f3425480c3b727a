/**
 * Every module's messages, registered with the platform's translator: imported by app.ts, worker.ts,
 * commands.ts and the test setup (test/setup.ts), so that translator() knows every key wherever it runs.
 * One line per module (src/modules/<m>/catalog/index.ts); the platform's own catalog registers itself.
 */
import { catalog as accounts } from './modules/accounts/catalog/index.ts';
import { catalog as agendas } from './modules/agendas/catalog/index.ts';
import { catalog as circulars } from './modules/circulars/catalog/index.ts';
import { catalog as consoleModule } from './modules/console/catalog/index.ts';
import { catalog as documents } from './modules/documents/catalog/index.ts';
import { catalog as groups } from './modules/groups/catalog/index.ts';
import { catalog as mailingLists } from './modules/mailing-lists/catalog/index.ts';
import { catalog as meetings } from './modules/meetings/catalog/index.ts';
import { catalog as registrations } from './modules/registrations/catalog/index.ts';
import { catalog as remote } from './modules/remote/catalog/index.ts';
import { catalog as visas } from './modules/visas/catalog/index.ts';
import { registerCatalog } from './platform/i18n/index.ts';

registerCatalog(accounts);
registerCatalog(groups);
registerCatalog(meetings);
registerCatalog(registrations);
registerCatalog(visas);
registerCatalog(documents);
registerCatalog(agendas);
registerCatalog(circulars);
registerCatalog(mailingLists);
registerCatalog(remote);
registerCatalog(consoleModule);
