import type { MessageKey } from '../../platform/i18n/index.ts';

/** A statement received from another body, or one the group sends. */
export const liaisonDirections = ['incoming', 'outgoing'] as const;
export type LiaisonDirection = (typeof liaisonDirections)[number];
export const liaisonDirectionLabel: Record<LiaisonDirection, MessageKey> = {
  incoming: 'liaison.direction.incoming',
  outgoing: 'liaison.direction.outgoing',
};

/** For action (a reply is asked for, by a deadline) or for information. */
export const liaisonPurposes = ['action', 'information'] as const;
export type LiaisonPurpose = (typeof liaisonPurposes)[number];
export const liaisonPurposeLabel: Record<LiaisonPurpose, MessageKey> = {
  action: 'liaison.purpose.action',
  information: 'liaison.purpose.information',
};

/** Derived, never stored: an LS for action is open until a reply links to it; one for information needs none. */
export const liaisonStatuses = ['open', 'replied', 'no-reply-needed'] as const;
export type LiaisonStatus = (typeof liaisonStatuses)[number];
export const liaisonStatusLabel: Record<LiaisonStatus, MessageKey> = {
  open: 'liaison.status.open',
  replied: 'liaison.status.replied',
  'no-reply-needed': 'liaison.status.noReplyNeeded',
};
