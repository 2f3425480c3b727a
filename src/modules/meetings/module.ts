import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeSections } from '../accounts/slots.ts';
import type { GroupDetail } from '../groups/service.ts';
import { groupAdminActions, groupLinks, groupMain, groupSections } from '../groups/slots.ts';
import { meetingApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { meetingPages } from './pages.ts';
import { meetingPaths } from './paths.ts';
import { manageMeetings } from './policies.ts';
import { defineDeadlineReminders } from './reminders.ts';
import { listGroupMeetings, splitByTime, upcomingMeetings } from './service.ts';
import { meetingTabs } from './tabs.ts';
import { PastMeetings } from './views/group-meetings.tsx';
import { UpcomingMeetings } from './views/upcoming.tsx';

/** The group page shows its upcoming meetings first and its past ones at the end: one read for both. */
const groupPageMeetings = new WeakMap<FastifyRequest, ReturnType<typeof splitGroupMeetings>>();
async function splitGroupMeetings(ctx: AppContext, group: GroupDetail) {
  return splitByTime(await listGroupMeetings(ctx, group), ctx.clock.now());
}
function meetingsOfGroupPage(ctx: AppContext, req: FastifyRequest, group: GroupDetail) {
  const known = groupPageMeetings.get(req);
  if (known) return known;
  const read = splitGroupMeetings(ctx, group);
  groupPageMeetings.set(req, read);
  return read;
}

export const meetingsModule = defineModule({
  name: 'meetings',
  rank: 3,
  catalog,
  apiTags: [{ name: 'meetings', description: 'Meetings, their sessions and deadlines, and how to join remotely' }],
  routes: [meetingPages, meetingApi],
  jobs: defineDeadlineReminders,
  plugs: [
    plugInto(meetingTabs, 'overview', {
      key: 'overview',
      label: 'meetingNav.overview',
      order: 0,
      href: (d) => meetingPaths.meeting({ id: d.meeting.id }),
    }),
    plugInto(meetingTabs, 'edit', {
      key: 'edit',
      label: 'meeting.edit',
      order: 90,
      staff: true,
      href: (d) => meetingPaths.edit({ id: d.meeting.id }),
      offeredTo: (actor) => may(actor, manageMeetings, undefined),
    }),
  ],
  slots: [
    fillSlot({
      slot: homeSections,
      key: 'upcoming',
      order: 20,
      render: async (ctx, req) => UpcomingMeetings({ ctx: viewContext(req), meetings: await upcomingMeetings(ctx), now: ctx.clock.now() }),
    }),
    fillSlot({
      slot: groupAdminActions,
      key: 'new-meeting',
      order: 10,
      render: (_ctx, req, group) => [{ href: meetingPaths.newInGroup({ code: group.code.toLowerCase() }), label: req.t('meeting.new') }],
    }),
    fillSlot({
      slot: groupLinks,
      key: 'calendar',
      order: 10,
      render: (_ctx, req, group) => [
        { href: meetingPaths.groupCalendar({ code: group.code.toLowerCase() }), label: req.t('group.calendar') },
      ],
    }),
    fillSlot({
      slot: groupMain,
      key: 'meetings',
      order: 10,
      render: async (ctx, req, group) => {
        const { upcoming } = await meetingsOfGroupPage(ctx, req, group);
        return UpcomingMeetings({
          ctx: viewContext(req),
          meetings: upcoming,
          now: ctx.clock.now(),
          showGroup: false,
          title: req.t('group.upcomingMeetings'),
          empty: req.t('group.noUpcoming'),
        });
      },
    }),
    fillSlot({
      slot: groupSections,
      key: 'past-meetings',
      order: 5,
      render: async (ctx, req, group) => {
        const { past } = await meetingsOfGroupPage(ctx, req, group);
        return PastMeetings({ ctx: viewContext(req), past });
      },
    }),
  ],
});
