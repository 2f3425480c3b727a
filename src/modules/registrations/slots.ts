import type { ComponentChildren } from 'preact';
import type { FormState } from '../../platform/ui/forms.tsx';
import { defineSlot } from '../../platform/ui/slots.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import type { RegistrationView } from './view.ts';

/** In the registration form, after the sessions: what the parts ask (the visa-support box and passport fields). */
export const registerFormParts = defineSlot<{ detail: MeetingDetail; form: FormState }>('registration.form-parts');
/** A part's word before the registration form's fields: whether it can be asked for, and why not (visa support). */
export interface FormNotice {
  title: string;
  /** A sentence; an element when it holds a date (a `<time>`) or a name. */
  text: ComponentChildren;
}
/** At the top of the registration form, before the first choice: each part's notice (null when it has nothing to say). */
export const registerFormNotices = defineSlot<{ detail: MeetingDetail }, FormNotice>('registration.form-notices');
/** On a registration's page, after its facts: each part's section (the visa request, its letter). */
export const registrationSections = defineSlot<{ detail: MeetingDetail; registration: RegistrationView }>('registration.sections');
/** In the list of a person's registrations, after the status: a part's state in a few words. */
export const registrationSummary = defineSlot<{ registration: RegistrationView }, string>('registration.summary');
