import type { MessageKey } from '../../platform/i18n/index.ts';

/** The texts of a report the secretariat writes: the opening, a summary, any other business. */
export const reportTextFields = ['opening', 'summary', 'aob'] as const;
export type ReportTextField = (typeof reportTextFields)[number];
export const reportTextLabel: Record<ReportTextField, MessageKey> = {
  opening: 'report.text.opening',
  summary: 'report.text.summary',
  aob: 'report.text.aob',
};
