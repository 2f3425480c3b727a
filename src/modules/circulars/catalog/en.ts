/**
 * The English messages of the circulars module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'circular.version.original': 'Circular {number}',
  'circular.version.corrigendum': 'Circular {number}, corrigendum {corrigendum}',
  'circular.issuedOn': 'Issued on {date}',
  'circular.superseded': 'This version has been superseded.',
  'circular.seeLatest': 'See the latest version',
  'circular.downloads': 'Circular: download and languages',
  'circular.pdf': 'Download the PDF ({language})',
  'circular.otherLanguages': 'Read it in',
  'circular.versions': 'Versions',
  'circular.manage': 'Manage the circular',
  'circular.manageTitle': 'Invitation circular',
  'circular.editGroup': 'Edit the group',
  'circular.issued': 'Issued versions',
  'circular.noneIssued': 'No circular has been issued for this meeting yet.',
  'circular.corrigendumDue': 'The meeting has changed since the circular was issued: issue a corrigendum',
  'circular.change.deadline': '{deadline}: {before} → {after}',
  'circular.change.venue': 'The venue or the mode of participation changed',
  'circular.change.title': 'The meeting’s title changed',
  'circular.upToDate': 'The latest issued version matches the meeting’s data.',
  'circular.issueFirst': 'Issue the circular',
  'circular.issueCorrigendum': 'Issue corrigendum {corrigendum}',
  'circular.initials': 'Contact initials',
  'circular.initials.hint': 'Printed under the reference, e.g. FG-MV/CB.',
  'circular.issuedOnField': 'Date of the letter',
  'circular.issuedOn.hint': 'Leave empty for today.',
  'circular.immutable': 'An issued version never changes: later changes to the meeting are announced in a corrigendum.',
  'circular.confirm.first': 'Issue the circular?',
  'circular.confirm.corrigendum': 'Issue corrigendum {corrigendum}?',
  'circular.confirm.number': 'It takes the bureau’s next circular number, which is never used again.',
  'circular.confirm.replaces': 'It becomes the current version; the earlier versions stay readable, marked as superseded.',
  'circular.confirm.public': 'It is published at once on the meeting page, to read and download in all six languages.',
  'home.corrigendaDue': 'Circulars needing a corrigendum',
  'circular.issueButton': 'Issue the circular',
  'circular.issueCorrigendumButton': 'Issue the corrigendum',
  'circular.preview': 'Preview of the next version',
  'circular.preview.hint':
    'As it would read if issued now, in your language. Once issued it can be read and downloaded in all six languages.',
  'circular.error.noBureau': 'The group has no issuing bureau: choose one in the group’s settings first.',
  'circular.error.unchanged': 'Nothing participants act on has changed since the last version: no corrigendum is needed.',
  'circular.error.conflict': 'Someone else issued a version at the same moment. Please reload the page.',
  'circular.change.sessions': 'A session’s dates changed, or sessions were added or removed',
  'circular.change.languages': 'The working languages changed',
  'circular.change.contact': 'The contact details changed',
  'circular.change.officers': 'The group’s officers changed',
  'circular.tab': 'Invitation circular',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
