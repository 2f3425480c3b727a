import { inArray } from 'drizzle-orm';
import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { mainNav, secretariatMenu } from '../../platform/ui/menus.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { groupSections } from '../groups/slots.ts';
import { meetingOfficerTools, meetingSections } from '../meetings/slots.ts';
import { documentApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { lateDocumentsFigure } from './home-figures.ts';
import { inboundWaiting } from './inbound/figures.ts';
import { inboundPages } from './inbound/pages.ts';
import { forgetOldMailLog } from './inbound/sender-limit.ts';
import { documentPages } from './pages.ts';
import { documentPaths } from './paths.ts';
import { documentRevisions, inboundSubmissions } from './schema.ts';
import { groupDocumentsSection, meetingDocumentsSection } from './sections.ts';
import { documentTools } from './tools.ts';

export const documentsModule = defineModule({
  name: 'documents',
  rank: 4,
  catalog,
  apiTags: [{ name: 'documents', description: 'Contributions and other documents of meetings, and searching them' }],
  routes: [documentPages, documentApi, inboundPages],
  plugs: [plugInto(mainNav, 'search', { href: documentPaths.search(), label: 'nav.search', order: 20 })],
  slots: [
    lateDocumentsFigure,
    inboundWaiting,
    fillSlot({
      slot: secretariatMenu,
      key: 'inbound',
      order: 40,
      render: (_ctx, req) => [{ href: documentPaths.inbound(), label: req.t('inbound.consoleLink') }],
    }),
    fillSlot({ slot: meetingSections, key: 'documents', order: 20, render: meetingDocumentsSection }),
    fillSlot({ slot: meetingOfficerTools, key: 'documents', order: 20, render: documentTools }),
    fillSlot({ slot: groupSections, key: 'documents', order: 10, render: groupDocumentsSection }),
  ],
  // The inbound mail log older than a day.
  purge: [forgetOldMailLog],
  fileReferences: () => [
    { what: 'document revisions', column: documentRevisions.fileHash, shape: 'hash' },
    {
      what: 'contributions by mail waiting for the secretariat',
      column: inboundSubmissions.fileHash,
      shape: 'hash',
      // A decided one holds nothing: accepted, its file is a document revision; rejected, it is gone.
      where: inArray(inboundSubmissions.status, ['pending', 'accepting']),
    },
  ],
});
