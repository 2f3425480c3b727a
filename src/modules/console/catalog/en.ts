/**
 * The English messages of the console module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'console.title': 'Secretariat console',
  'console.mail': 'Outgoing mail',
  'console.mail.kept': 'No SMTP server is configured (SMTP_URL): mails are kept here.',
  'console.mail.smtp': 'Mails are delivered through the configured SMTP server.',
  'console.mail.open': 'Open the outbox ({count, number})',
  'console.mail.none': 'No mail yet.',
  'console.mail.status.queued': 'queued',
  'console.mail.status.sent': 'sent',
  'console.mail.status.failed': 'failed',
  'console.visas': 'Visa support requests',
  'console.meetings': 'Meetings',
  'console.meeting': 'Meeting',
  'console.meeting.dates': 'Dates',
  'console.meeting.registrations': 'Registrations',
  'console.meeting.documents': 'Documents',
  'console.meeting.visasWaiting': 'Visa requests waiting',
  'console.bureaus': 'Bureaus and circular numbers',
  'nav.console': 'Secretariat console',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
