import { on } from '../../platform/events.ts';
import { accountDeleting } from '../accounts/events.ts';
import { meetingUpdated } from '../meetings/events.ts';
import { promoteAfterMeetingChange, releaseRegistrations } from './service.ts';

/** What registrations do when others change: places freed by a meeting edit or an account deletion. */
export function subscribeRegistrationEvents(): void {
  on(meetingUpdated, promoteAfterMeetingChange);
  on(accountDeleting, releaseRegistrations);
}
