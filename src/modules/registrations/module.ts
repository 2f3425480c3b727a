import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { personalDataLinks } from '../accounts/slots.ts';
import { meetingAdminLinks, meetingLinks } from '../meetings/slots.ts';
import { registrationApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { registrationConsoleRoutes } from './console/routes.ts';
import { subscribeRegistrationEvents } from './events.ts';
import { defineRegistrationMailTemplates } from './mail.ts';
import { registrationPages } from './pages.ts';
import { registrationsOfPerson } from './personal-data.ts';
import { seeParticipants } from './policies.ts';
import { registrantsToRemind } from './reminder-audience.ts';

export const registrationsModule = defineModule({
  name: 'registrations',
  rank: 4,
  catalog,
  apiTags: [{ name: 'registrations', description: 'Registering for meetings, and the secretariat’s view of registrations' }],
  routes: [registrationPages, registrationApi, registrationConsoleRoutes],
  mailTemplates: defineRegistrationMailTemplates,
  subscriptions: subscribeRegistrationEvents,
  personalData: [registrationsOfPerson],
  provides: [registrantsToRemind],
  slots: [
    fillSlot({
      slot: meetingLinks,
      key: 'participants',
      order: 10,
      // The link for whoever the list's visibility may let in (being registered is checked on the list's page).
      render: (_ctx, req, detail) =>
        may(req.actor, seeParticipants, { visibility: detail.meeting.participantListVisibility, registered: req.actor !== null })
          ? [{ href: `/meetings/${detail.meeting.id}/participants`, label: req.t('participants.title') }]
          : [],
    }),
    fillSlot({
      slot: personalDataLinks,
      key: 'registrations',
      order: 10,
      render: (_ctx, req) => [{ href: '/me/registrations', label: req.t('registration.mine') }],
    }),
    fillSlot({
      slot: meetingAdminLinks,
      key: 'registrations',
      order: 10,
      render: (_ctx, req, { meetingId }) => [
        { href: `/console/meetings/${meetingId}/registrations`, label: req.t('meeting.registrations') },
      ],
    }),
  ],
});
