/**
 * The English messages of the visas module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'error.passportNumber': 'Enter the passport number as printed: 5 to 20 letters and digits.',
  'visa.title': 'Visa support',
  'visa.request': 'I request a visa support letter from the secretariat',
  'visa.available':
    'If you need a visa for Switzerland, the secretariat can send a letter to the Swiss representation where you apply. Request it by {date}.',
  'visa.notEligible':
    'Visa support can only be requested on the official request of an ITU Member State, Sector Member, Associate or Academia. Your account’s category is “{category}”; if this is wrong, change it in your profile.',
  'visa.closed': 'The deadline for visa support requests ({date}) has passed.',
  'visa.fieldsHint': 'Fill in these fields only if you ticked the box. Write everything exactly as in your passport.',
  'visa.choose': '(choose)',
  'visa.nameInPassport': 'Full name as in the passport',
  'visa.sex': 'Sex',
  'visa.sex.F': 'Female',
  'visa.sex.M': 'Male',
  'visa.sex.X': 'Unspecified (X)',
  'visa.dateOfBirth': 'Date of birth',
  'visa.placeOfBirth': 'Place of birth',
  'visa.nationality': 'Nationality',
  'visa.passportNumber': 'Passport number',
  'visa.passportIssuedOn': 'Date of issue',
  'visa.passportExpiresOn': 'Date of expiry',
  'visa.passportExpiresOn.hint': 'Must be at least three months after your departure.',
  'visa.issuingAuthority': 'Issuing authority',
  'visa.representationCity': 'City of the Swiss embassy or consulate',
  'visa.representationCountry': 'Country of the Swiss embassy or consulate',
  'visa.representation.hint': 'Where you will apply for the visa: in your country, or the nearest one.',
  'visa.arrivalDate': 'Arrival in Switzerland',
  'visa.departureDate': 'Departure from Switzerland',
  'visa.statusLabel': 'Status',
  'visa.status.requested': 'Requested',
  'visa.status.approved': 'Approved',
  'visa.status.rejected': 'Rejected',
  'visa.status.letter-sent': 'Letter sent',
  'visa.status.withdrawn': 'Withdrawn',
  'visa.status.purged': 'Deleted after the meeting',
  'visa.reason': 'Reason',
  'visa.downloadLetter': 'Download the visa support letter (PDF)',
  'error.visaDecided': 'This request has already been decided.',
  'error.visaPurged': 'The passport details of this request have been deleted.',
  'visa.queue': 'Visa support requests',
  'visa.queueCount': '{count, plural, one {# request} other {# requests}}',
  'visa.requestedOn': 'Requested on',
  'visa.byStatus': 'By status',
  'visa.statusCount': '{status} ({count, number})',
  'visa.filter.meeting': 'Meeting',
  'visa.filter.all': '(all)',
  'visa.filter.apply': 'Filter',
  'visa.review': 'Visa request {number}',
  'visa.backToQueue': 'Back to the visa requests',
  'visa.auditNote': 'Opening this page is recorded in the audit log.',
  'visa.letterReference': 'Letter',
  'visa.confirm.title': 'Approve this visa support request?',
  'visa.confirm.letter': 'A visa support letter (PDF) is made for {name} and mailed to {email}.',
  'visa.confirm.status': 'The request is marked as letter sent; the person can download the letter from their registration.',
  'visa.confirm.final': 'This cannot be undone: a letter that was sent cannot be recalled.',
  'visa.approve': 'Approve and send the letter',
  'visa.reject': 'Reject',
  'visa.rejectReason': 'Reason for rejecting (sent to the participant)',
  'mail.visa.approved.subject': 'Your visa support letter: {meeting}',
  'mail.visa.approved.body':
    'Dear {name},\n\nYour request for visa support for {meeting} ({dates}) has been approved. The letter (reference {reference}) is attached; present it to the Swiss embassy or consulate with your visa application. You can also download it from your registration:\n{link}',
  'mail.visa.rejected.subject': 'Your visa support request: {meeting}',
  'mail.visa.rejected.body':
    'Dear {name},\n\nYour request for visa support for {meeting} could not be approved.\n\nReason: {reason}\n\nYour registration:\n{link}',
  'error.letterUnavailable':
    'The letter could not be produced: the server is missing the fonts it needs (see the server log). Nothing was changed.',
  'visa.ask': 'Ask for visa support',
  'visa.askTitle': 'Visa support for registration {number}',
  'visa.askSubmit': 'Send the request',
  'error.visaLetterWithdrawn': 'This visa support letter is no longer valid: the request was withdrawn.',
  'error.visaNotEligible': 'Visa support can only be requested for ITU Member States, Sector Members, Associates and Academia.',
  'error.visaClosed': 'The deadline for visa support requests has passed.',
  'error.visaInPersonOnly': 'Visa support is only for in-person participants.',
  'error.visaAlreadyRequested': 'Visa support has already been requested for this registration.',
  'visa.listColumn': 'Visa support',
  'home.visasWaiting': 'Visa requests waiting for a decision',
  'privacyNotice.visas.what':
    'If you ask for a visa support letter: your passport details (name as in the passport, sex, date and place of birth, passport number, dates of issue and expiry, issuing authority) and the letter, both encrypted at rest; your nationality, the embassy or consulate where you apply, and your travel dates.',
  'privacyNotice.visas.who': 'Only you and the secretariat. Each time the secretariat opens your passport details, it is recorded.',
  'privacyNotice.visas.howLong':
    '{days, plural, one {# day} other {# days}} after the meeting’s last day, your passport details and the letter are deleted; the rest of the request stays with your registration.',
  'visa.notice.available': 'For those who attend in person, until {date}: tick the box under “Visa support” below, after the sessions.',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
