import { inArray } from 'drizzle-orm';
import { defineModule } from '../../platform/modules/manifest.ts';
import { forgetOldMailLog } from './inbound.ts';
import { inboundRoutes } from './inbound-routes.ts';
import { documentRoutes } from './routes.ts';
import { documentRevisions, inboundSubmissions } from './schema.ts';

export const documentsModule = defineModule({
  name: 'documents',
  routes: [documentRoutes, inboundRoutes],
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
