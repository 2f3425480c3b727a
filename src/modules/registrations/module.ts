import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { personMenu, secretariatMenu } from '../../platform/ui/menus.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { homeSections, personalDataLinks, privacySections } from '../accounts/slots.ts';
import { meetingAdminLinks, meetingCallToAction, meetingLinks } from '../meetings/slots.ts';
import { meetingTabs } from '../meetings/tabs.ts';
import { registrationApi } from './api.ts';
import { approvalRoutes } from './approval-routes.ts';
import { catalog } from './catalog/index.ts';
import { registrationConsoleApi } from './console/api.ts';
import { registrationConsolePages } from './console/pages.ts';
import { subscribeRegistrationEvents } from './events.ts';
import { approvalsWaitingSection, myMeetingsSection } from './home.tsx';
import { registrationsFigure } from './home-figures.ts';
import { defineRegistrationMailTemplates } from './mail.ts';
import { meetingRegistrationCall } from './meeting-call.tsx';
import { registrationPages } from './pages.ts';
import { registrationPaths } from './paths.ts';
import { registrationsOfPerson } from './personal-data.ts';
import { manageRegistrations, seeParticipants } from './policies.ts';
import { focalPointsToRemind, registrantsToRemind } from './reminder-audience.ts';

export const registrationsModule = defineModule({
  name: 'registrations',
  rank: 4,
  catalog,
  apiTags: [{ name: 'registrations', description: 'Registering for meetings, and the secretariat’s view of registrations' }],
  routes: [registrationPages, registrationApi, registrationConsolePages, registrationConsoleApi, approvalRoutes],
  mailTemplates: defineRegistrationMailTemplates,
  subscriptions: subscribeRegistrationEvents,
  personalData: [registrationsOfPerson],
  provides: [registrantsToRemind, focalPointsToRemind],
  plugs: [
    plugInto(personMenu, 'registrations', { href: registrationPaths.mine(), label: 'registration.mine', order: 10 }),
    plugInto(meetingTabs, 'register', {
      key: 'register',
      label: 'registration.heading',
      order: 10,
      href: (d) => registrationPaths.register({ id: d.meeting.id }),
    }),
    plugInto(meetingTabs, 'participants', {
      key: 'participants',
      label: 'participants.tab',
      order: 50,
      href: (d) => registrationPaths.participants({ id: d.meeting.id }),
      // As the meeting page's link: for whoever the list's visibility may let in (being registered is checked on the page).
      offeredTo: (actor, d) => may(actor, seeParticipants, { visibility: d.meeting.participantListVisibility, registered: actor !== null }),
    }),
    plugInto(meetingTabs, 'registrations', {
      key: 'registrations',
      label: 'meeting.registrations',
      order: 10,
      staff: true,
      href: (d) => registrationPaths.console({ id: d.meeting.id }),
      offeredTo: (actor) => may(actor, manageRegistrations, undefined),
    }),
  ],
  slots: [
    registrationsFigure,
    fillSlot({ slot: homeSections, key: 'approvals-waiting', order: 5, render: approvalsWaitingSection }),
    fillSlot({ slot: homeSections, key: 'my-meetings', order: 10, render: myMeetingsSection }),
    fillSlot({
      slot: secretariatMenu,
      key: 'approvals',
      order: 15,
      render: (_ctx, req) => [{ href: registrationPaths.approvals(), label: req.t('approvals.menu') }],
    }),
    fillSlot({ slot: meetingCallToAction, key: 'register', order: 10, render: meetingRegistrationCall }),
    fillSlot({
      slot: meetingLinks,
      key: 'participants',
      order: 10,
      // The link for whoever the list's visibility may let in (being registered is checked on the list's page).
      render: (_ctx, req, detail) =>
        may(req.actor, seeParticipants, { visibility: detail.meeting.participantListVisibility, registered: req.actor !== null })
          ? [{ href: registrationPaths.participants({ id: detail.meeting.id }), label: req.t('participants.heading') }]
          : [],
    }),
    fillSlot({
      slot: personalDataLinks,
      key: 'registrations',
      order: 10,
      render: (_ctx, req) => [{ href: registrationPaths.mine(), label: req.t('registration.mine') }],
    }),
    fillSlot({
      slot: privacySections,
      key: 'registrations',
      order: 10,
      render: (_ctx, req) => ({
        heading: req.t('privacyNotice.registrations.heading'),
        what: req.t('privacyNotice.registrations.what'),
        who: req.t('privacyNotice.registrations.who'),
        howLong: req.t('privacyNotice.registrations.howLong'),
      }),
    }),
    fillSlot({
      slot: meetingAdminLinks,
      key: 'registrations',
      order: 10,
      render: (_ctx, req, { meetingId }) => [{ href: registrationPaths.console({ id: meetingId }), label: req.t('meeting.registrations') }],
    }),
  ],
});
