import type { MessageKey } from '../../platform/i18n/index.ts';

/** A visa support request: decided once (approved, then letter-sent; or rejected), withdrawn with its registration, purged after the meeting. */
export const visaStatuses = ['requested', 'approved', 'rejected', 'letter-sent', 'withdrawn', 'purged'] as const;
export type VisaStatus = (typeof visaStatuses)[number];
export const visaStatusLabel: Record<VisaStatus, MessageKey> = {
  requested: 'visa.status.requested',
  approved: 'visa.status.approved',
  rejected: 'visa.status.rejected',
  'letter-sent': 'visa.status.letter-sent',
  withdrawn: 'visa.status.withdrawn',
  purged: 'visa.status.purged',
};

/** The sex printed in the passport (X: unspecified); kept only in the encrypted passport block. */
export const sexes = ['F', 'M', 'X'] as const;
export type Sex = (typeof sexes)[number];
export const sexLabel: Record<Sex, MessageKey> = {
  F: 'visa.sex.F',
  M: 'visa.sex.M',
  X: 'visa.sex.X',
};
