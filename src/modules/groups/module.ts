import { defineModule } from '../../platform/modules/manifest.ts';
import { groupRoutes } from './routes.ts';
import { groups } from './schema.ts';

export const groupsModule = defineModule({
  name: 'groups',
  routes: [groupRoutes],
  fileReferences: () => [{ what: "groups' own contribution templates", column: groups.templateFileHash, shape: 'hash' }],
});
