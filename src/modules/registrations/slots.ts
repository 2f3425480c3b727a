import type { FormState } from '../../platform/ui/forms.tsx';
import { defineSlot } from '../../platform/ui/slots.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import type { RegistrationView } from './view.ts';

/** In the registration form, after the sessions: what the parts ask (the visa-support box and passport fields). */
export const registerFormParts = defineSlot<{ detail: MeetingDetail; form: FormState }>('registration.form-parts');
/** On a registration's page, after its facts: each part's section (the visa request, its letter). */
export const registrationSections = defineSlot<{ detail: MeetingDetail; registration: RegistrationView }>('registration.sections');
/** In the list of a person's registrations, after the status: a part's state in a few words. */
export const registrationSummary = defineSlot<{ registration: RegistrationView }, string>('registration.summary');
