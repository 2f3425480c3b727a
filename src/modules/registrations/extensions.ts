import type { Actor } from '../../platform/actor.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { defineExtensionPoint } from '../../platform/modules/extensions.ts';
import type { SessionJoinDetails } from '../meetings/calendar.ts';
import type { MeetingDetail } from '../meetings/service.ts';

/** In a person's calendar feed of registered meetings: how to join each meeting's sessions remotely, by meeting id. */
export const calendarJoinDetails = defineExtensionPoint<{ person: Actor; details: MeetingDetail[]; locale: Locale }, SessionJoinDetails>(
  'registrations.calendar-join',
);
