import { defineModule } from '../../platform/modules/manifest.ts';
import { circularRoutes } from './routes.ts';
import { circulars } from './schema.ts';

export const circularsModule = defineModule({
  name: 'circulars',
  routes: [circularRoutes],
  fileReferences: () => [{ what: "issued circulars' PDFs", column: circulars.pdfFiles, shape: 'object-values' }],
});
