import { viewContext } from '../../platform/http/request-context.ts';
import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { isSecretariat } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { documentUses } from '../documents/slots.ts';
import { meetingOfficerTools } from '../meetings/slots.ts';
import { meetingTabs } from '../meetings/tabs.ts';
import { decisionApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { decisionPages } from './pages.ts';
import { decisionPaths } from './paths.ts';
import { decisionLinksOf } from './service.ts';
import { decisionTools } from './tools.ts';
import { DecisionLinks } from './views/decision-pages.tsx';

export const decisionsModule = defineModule({
  name: 'decisions',
  rank: 6,
  catalog,
  apiTags: [{ name: 'decisions', description: 'What meetings decided on the documents of each agenda item, and the items’ conclusions' }],
  routes: [decisionPages, decisionApi],
  plugs: [
    plugInto(meetingTabs, 'decisions', {
      key: 'decisions',
      label: 'decision.tab',
      order: 45,
      href: (d) => decisionPaths.meeting({ id: d.meeting.id }),
    }),
    // The secretariat's way in; the group's officers find theirs among their tools on the meeting page.
    plugInto(meetingTabs, 'decisions-record', {
      key: 'decisions-record',
      label: 'decision.staffTab',
      order: 35,
      staff: true,
      href: (d) => {
        const first = d.sessions[0];
        return first ? decisionPaths.edit({ id: d.meeting.id, sessionId: first.id }) : decisionPaths.meeting({ id: d.meeting.id });
      },
      offeredTo: (actor) => isSecretariat(actor),
    }),
  ],
  slots: [
    fillSlot({
      slot: documentUses,
      key: 'decision-links',
      order: 20,
      render: async (ctx, req, doc) => DecisionLinks({ ctx: viewContext(req), links: await decisionLinksOf(ctx, doc) }),
    }),
    fillSlot({ slot: meetingOfficerTools, key: 'decisions', order: 30, render: decisionTools }),
  ],
});
