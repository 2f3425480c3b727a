import { accountsModule } from './modules/accounts/module.ts';
import { agendasModule } from './modules/agendas/module.ts';
import { circularsModule } from './modules/circulars/module.ts';
import { consoleModule } from './modules/console/module.ts';
import { decisionsModule } from './modules/decisions/module.ts';
import { documentsModule } from './modules/documents/module.ts';
import { groupsModule } from './modules/groups/module.ts';
import { liaisonsModule } from './modules/liaisons/module.ts';
import { mailingListsModule } from './modules/mailing-lists/module.ts';
import { meetingsModule } from './modules/meetings/module.ts';
import { organizationsModule } from './modules/organizations/module.ts';
import { registrationsModule } from './modules/registrations/module.ts';
import { remoteModule } from './modules/remote/module.ts';
import { reportsModule } from './modules/reports/module.ts';
import { visasModule } from './modules/visas/module.ts';
import { declareFileReferences } from './platform/files/references.ts';
import { registerCatalog } from './platform/i18n/index.ts';
import { registerPlug, registerProvision } from './platform/modules/extensions.ts';
import type { ConveneModule } from './platform/modules/manifest.ts';
import { registerPersonalData } from './platform/modules/personal-data.ts';
import { registerSlotFill } from './platform/ui/slots.ts';

/**
 * Every module, in dependency order (each may use the ones before it, never one after it): adding a feature
 * is its folder and one line here.
 */
export const modules: readonly ConveneModule[] = [
  accountsModule,
  groupsModule,
  organizationsModule,
  meetingsModule,
  registrationsModule,
  documentsModule,
  circularsModule,
  visasModule,
  remoteModule,
  agendasModule,
  mailingListsModule,
  liaisonsModule,
  decisionsModule,
  consoleModule,
  reportsModule,
];

// Their messages, as soon as the list is loaded: whatever imports it (the app, the worker, the commands)
// translates every key from the start.
for (const module of modules) if (module.catalog) registerCatalog(module.catalog);

/**
 * Wires what modules contribute to each other and to the platform: page slots, event handlers, mail templates,
 * file columns and parts of a person's data. Called by the app, the worker and the commands; calling it again changes nothing.
 */
export function wireModules(): void {
  for (const module of modules) {
    for (const fill of module.slots ?? []) registerSlotFill(fill);
    for (const provision of module.provides ?? []) registerProvision(provision);
    for (const plug of module.plugs ?? []) registerPlug(plug);
    module.subscriptions?.();
    module.mailTemplates?.();
    if (module.fileReferences) declareFileReferences(module.fileReferences());
    for (const part of module.personalData ?? []) registerPersonalData(part);
  }
}
