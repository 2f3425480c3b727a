import type { MessageKey } from '../../platform/i18n/index.ts';

/**
 * A registration's status; changed only through the state machine (rules.ts). `pending-approval` waits for a
 * focal point of the person's organization and holds no place; `declined` is their refusal.
 */
export const registrationStatuses = ['registered', 'waitlisted', 'pending-approval', 'declined', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const registrationStatusLabel: Record<RegistrationStatus, MessageKey> = {
  registered: 'registration.status.registered',
  waitlisted: 'registration.status.waitlisted',
  'pending-approval': 'registration.status.pending-approval',
  declined: 'registration.status.declined',
  cancelled: 'registration.status.cancelled',
};
/** The statuses of a registration that still stands (counted, reminded, shown among a person's meetings). */
export const standingStatuses = ['registered', 'waitlisted', 'pending-approval'] as const satisfies readonly RegistrationStatus[];

/** What a focal point (or the secretariat) decides on a pending registration. */
export const approvalDecisions = ['approve', 'decline'] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];

/** How one person takes part (a meeting's own mode decides which are offered). */
export const participationModes = ['in-person', 'remote'] as const;
export type ParticipationMode = (typeof participationModes)[number];
export const participationModeLabel: Record<ParticipationMode, MessageKey> = {
  'in-person': 'registration.mode.in-person',
  remote: 'registration.mode.remote',
};
