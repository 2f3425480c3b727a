import type { MessageKey } from '../../platform/i18n/index.ts';

/** A registration's status; changed only through the state machine (rules.ts). */
export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const registrationStatusLabel: Record<RegistrationStatus, MessageKey> = {
  registered: 'registration.status.registered',
  waitlisted: 'registration.status.waitlisted',
  cancelled: 'registration.status.cancelled',
};

/** How one person takes part (a meeting's own mode decides which are offered). */
export const participationModes = ['in-person', 'remote'] as const;
export type ParticipationMode = (typeof participationModes)[number];
export const participationModeLabel: Record<ParticipationMode, MessageKey> = {
  'in-person': 'registration.mode.in-person',
  remote: 'registration.mode.remote',
};
