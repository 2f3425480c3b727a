// Every test file sees every module's messages, as the server does (src/modules.ts registers them from the
// manifests), even when it calls translator() without an app: found here by folder, since loading every
// module's code in each test file would cost seconds. test/architecture.test.ts checks the manifests list them.
import fs from 'node:fs';
import path from 'node:path';
import { type ModuleCatalog, registerCatalog } from '../src/platform/i18n/index.ts';

const modulesDir = path.resolve(import.meta.dirname, '../src/modules');
for (const name of fs.readdirSync(modulesDir).sort()) {
  const file = path.join(modulesDir, name, 'catalog', 'index.ts');
  if (fs.existsSync(file)) registerCatalog(((await import(file)) as { catalog: ModuleCatalog }).catalog);
}
