import type { MessageKey } from '../i18n/index.ts';

/** An outbox mail waits (and is retried) while queued; sent, or failed for good after the last attempt. */
export const outboxStatuses = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxStatusLabel: Record<OutboxStatus, MessageKey> = {
  queued: 'console.mail.status.queued',
  sent: 'console.mail.status.sent',
  failed: 'console.mail.status.failed',
};
