import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { mainNav, secretariatMenu } from '../../platform/ui/menus.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { groupApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { groupPages } from './pages.ts';
import { groupPaths } from './paths.ts';
import { groups } from './schema.ts';

export const groupsModule = defineModule({
  name: 'groups',
  rank: 2,
  catalog,
  apiTags: [{ name: 'groups', description: 'Groups, their subgroups and officers, and the bureaus that issue circulars' }],
  routes: [groupPages, groupApi],
  fileReferences: () => [{ what: "groups' own contribution templates", column: groups.templateFileHash, shape: 'hash' }],
  plugs: [plugInto(mainNav, 'groups', { href: groupPaths.groups(), label: 'nav.groups', order: 10 })],
  slots: [
    fillSlot({
      slot: secretariatMenu,
      key: 'groups',
      order: 10,
      render: (_ctx, req) => [
        { href: groupPaths.groups(), label: req.t('nav.groups') },
        { href: groupPaths.newGroup(), label: req.t('groups.new') },
      ],
    }),
    fillSlot({
      slot: secretariatMenu,
      key: 'bureaus',
      order: 50,
      render: (_ctx, req) => [{ href: groupPaths.bureaus(), label: req.t('console.bureaus') }],
    }),
  ],
});
