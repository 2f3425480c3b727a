import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { fillSlot } from '../../platform/ui/slots.ts';
import { getProfile } from '../accounts/own-profile.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { allowedModes } from '../registrations/rules.ts';
import { registerFormNotices, registerFormParts, registrationSections, registrationSummary } from '../registrations/slots.ts';
import { visaPieceOf, visaRequestStanding, visaRequestsOpen } from './registration-part.ts';
import { RegistrationVisaSection, type VisaBox, VisaFields, visaNotice } from './registration-views.tsx';
import { isVisaEligibleCategory } from './rules.ts';
import { visaStatusLabel } from './vocabulary.ts';

/** Whether the person signed in may ask for visa support at this meeting now, and why not. */
export async function visaBoxFor(ctx: AppContext, req: FastifyRequest, detail: MeetingDetail): Promise<VisaBox> {
  if (!allowedModes(detail.meeting.mode).includes('in-person') || !req.actor) return { state: 'not-offered' };
  const profile = await getProfile(ctx, req.actor);
  if (!isVisaEligibleCategory(profile.category)) return { state: 'not-eligible', category: profile.category };
  if (!visaRequestsOpen(detail, ctx.clock.now())) return { state: 'closed', deadline: detail.deadlines.visaSupport };
  return { state: 'available' };
}

export const visaRegistrationSlots = [
  // Before the fields: whether visa support can be asked for, and why not; the box and the passport fields only when it can.
  fillSlot({
    slot: registerFormNotices,
    key: 'visa',
    order: 10,
    render: async (ctx, req, { detail }) => visaNotice(viewContext(req), await visaBoxFor(ctx, req, detail), detail),
  }),
  fillSlot({
    slot: registerFormParts,
    key: 'visa',
    order: 10,
    render: async (ctx, req, { detail, form }) => {
      const box = await visaBoxFor(ctx, req, detail);
      return box.state === 'available' ? VisaFields({ ctx: viewContext(req), form, box, detail }) : null;
    },
  }),
  fillSlot({
    slot: registrationSections,
    key: 'visa',
    order: 10,
    render: async (ctx, req, { detail, registration }) => {
      const visa = visaPieceOf(registration);
      const canAsk =
        registration.status !== 'cancelled' &&
        registration.mode === 'in-person' &&
        (!visa || !visaRequestStanding(visa.status)) &&
        (await visaBoxFor(ctx, req, detail)).state === 'available';
      if (!visa && !canAsk) return null;
      return RegistrationVisaSection({ ctx: viewContext(req), registrationId: registration.id, visa, canAsk });
    },
  }),
  fillSlot({
    slot: registrationSummary,
    key: 'visa',
    order: 10,
    render: (_ctx, req, { registration }) => {
      const visa = visaPieceOf(registration);
      return visa && `${req.t('visa.title')}: ${req.t(visaStatusLabel[visa.status])}`;
    },
  }),
];
