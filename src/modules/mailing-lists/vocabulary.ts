import type { MessageKey } from '../../platform/i18n/index.ts';
import { outboxStatuses } from '../../platform/mail/vocabulary.ts';

/** A subscription is pending until the address is confirmed (double opt-in). */
export const subscriptionStatuses = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
export const subscriptionStatusLabel: Record<SubscriptionStatus, MessageKey> = {
  pending: 'list.status.pending',
  confirmed: 'list.status.confirmed',
  unsubscribed: 'list.status.unsubscribed',
};

/** An announcement's mail to one recipient: its outbox status, or unknown once the mail is gone from the outbox. */
export const deliveryStatuses = [...outboxStatuses, 'unknown'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
