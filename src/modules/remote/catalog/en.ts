/**
 * The English messages of the remote module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'remote.title': 'Remote participation',
  'remote.neutral': 'Remote participation details are sent to registered participants.',
  'remote.notYet':
    'The remote participation details are not available yet. They will appear here and be sent to you by e-mail before the meeting.',
  'remote.inPersonOnly': 'This meeting is held in person only: no participant sees or receives these details unless its mode changes.',
  'remote.wholeMeeting': 'Whole meeting',
  'remote.link': 'Link to join',
  'remote.meetingCode': 'Meeting ID',
  'remote.passcode': 'Passcode',
  'remote.dialIn': 'Dial-in',
  'remote.notes': 'Notes',
  'remote.keepPrivate': 'These details are for you only: please do not share or publish them.',
  'remote.edit': 'Edit remote participation',
  'remote.form.title': 'Remote participation details',
  'remote.form.intro':
    "Only the secretariat, the group's officers and participants who join remotely (registered as remote, or in person at a hybrid meeting) see these details; they never appear on a public page, in the public API or in a public calendar. Leave a block empty when it has no details of its own.",
  'remote.form.linkHint': 'An address starting with https://',
  'remote.form.daysBefore': 'Mail the details this many days before the first day',
  'remote.form.daysBeforeHint': 'From 0 to 30. Participants who register later receive them within minutes.',
  'remote.mail.subject': 'How to join {meeting} remotely',
  'remote.mail.body':
    'Dear {name},\n\nHere is how to join {meeting} ({dates}) remotely.\n\n{details}\n\nThese details are for you only: please do not share them. The meeting page: {link}',
  'error.httpsUrl': 'Enter an address starting with https://',
  'remote.mail.subjectUpdated': 'Updated: how to join {meeting} remotely',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
