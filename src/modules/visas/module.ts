import { plugInto } from '../../platform/modules/extensions.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { may } from '../../platform/policy.ts';
import { secretariatMenu } from '../../platform/ui/menus.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { privacySections } from '../accounts/slots.ts';
import { meetingAdminLinks } from '../meetings/slots.ts';
import { meetingTabs } from '../meetings/tabs.ts';
import { registrationParts } from '../registrations/parts.ts';
import { visaApi } from './api.ts';
import { catalog } from './catalog/index.ts';
import { visaRequestsWaiting } from './figures.ts';
import { visaPages } from './pages.ts';
import { visaPaths } from './paths.ts';
import { visaRequestsOfPerson } from './personal-data.ts';
import { manageVisas } from './policies.ts';
import { visaPart } from './registration-part.ts';
import { visaRegistrationSlots } from './registration-slots.ts';
import { visaApplicantsToRemind } from './reminder-audience.ts';
import { purgeExpiredVisaData, resealPersonalData } from './service.ts';

export const visasModule = defineModule({
  name: 'visas',
  rank: 5,
  catalog,
  apiTags: [{ name: 'visas', description: 'Visa support requests and their decisions (secretariat)' }],
  routes: [visaPages, visaApi],
  // Passport details and letters past their retention.
  purge: [purgeExpiredVisaData],
  reseal: [resealPersonalData],
  personalData: [visaRequestsOfPerson],
  provides: [visaApplicantsToRemind],
  plugs: [
    plugInto(registrationParts, 'visa', visaPart),
    plugInto(meetingTabs, 'visas', {
      key: 'visas',
      label: 'console.visas',
      order: 20,
      staff: true,
      href: (d) => visaPaths.queue({}, { meeting: d.meeting.id }),
      offeredTo: (actor) => may(actor, manageVisas, undefined),
    }),
  ],
  slots: [
    visaRequestsWaiting,
    ...visaRegistrationSlots,
    fillSlot({
      slot: secretariatMenu,
      key: 'visas',
      order: 30,
      render: (_ctx, req) => [{ href: visaPaths.queue(), label: req.t('console.visas') }],
    }),
    fillSlot({
      slot: privacySections,
      key: 'visas',
      order: 20,
      // The retention configured (PASSPORT_RETENTION_DAYS), as the hourly purge applies it.
      render: (ctx, req) => ({
        heading: req.t('visa.title'),
        what: req.t('privacyNotice.visas.what'),
        who: req.t('privacyNotice.visas.who'),
        howLong: req.t('privacyNotice.visas.howLong', { days: ctx.config.passportRetentionDays }),
      }),
    }),
    fillSlot({
      slot: meetingAdminLinks,
      key: 'visas',
      order: 20,
      render: (_ctx, req, { meetingId }) => [{ href: visaPaths.queue({}, { meeting: meetingId }), label: req.t('console.visas') }],
    }),
  ],
});
