/**
 * The English messages of the mailing-lists module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'list.title': 'Mailing list',
  'list.intro': "Receive the group's announcements — circulars, meeting news — by e-mail. Every mail has a link to unsubscribe.",
  'list.email': 'Your e-mail address',
  'list.subscribe': 'Subscribe',
  'list.page.title': 'Mailing list of {group}',
  'list.languageHint': 'Mails will be written in {language} where possible (the language of this page).',
  'list.checkMail.title': 'Check your mail',
  'list.checkMail':
    'If {email} can be subscribed, a message with a confirmation link is on its way. Nothing will be sent to the list address until you confirm. The link is valid for {days, plural, one {# day} other {# days}}.',
  'list.confirm.title': 'Confirm your subscription',
  'list.confirm.intro': 'Receive the announcements of {group} at {email}?',
  'list.confirm.submit': 'Confirm subscription',
  'list.confirmed.title': 'You are subscribed',
  'list.confirmed': '{email} will receive the announcements of {group}. Every mail has a link to unsubscribe.',
  'list.unsubscribe.title': 'Unsubscribe',
  'list.unsubscribe.intro': 'Stop sending the announcements of {group} to {email}?',
  'list.unsubscribe.submit': 'Unsubscribe',
  'list.unsubscribed.title': 'You are unsubscribed',
  'list.unsubscribed': "{email} will no longer receive the announcements of {group}. You can subscribe again on the group's page.",
  'list.backToGroup': 'Back to {group}',
  'list.subscribers': 'Subscribers',
  'list.subscribers.counts': 'Pending: {pending} · Confirmed: {confirmed} · Unsubscribed: {unsubscribed}',
  'list.subscribers.none': 'Nobody has subscribed yet.',
  'list.subscribers.csv': 'Download as CSV',
  'list.status': 'Status',
  'list.status.pending': 'Pending confirmation',
  'list.status.confirmed': 'Confirmed',
  'list.status.unsubscribed': 'Unsubscribed',
  'list.language': 'Language',
  'list.requestedAt': 'Requested',
  'list.confirmedAt': 'Confirmed',
  'list.unsubscribedAt': 'Unsubscribed',
  'error.listLinkInvalid': "This link is not valid. If you want to subscribe, ask again on the group's page for a new confirmation mail.",
  'error.listLinkExpired':
    "This confirmation link has expired: links are valid for {days, plural, one {# day} other {# days}}. Ask again on the group's page for a new one.",
  'mail.list.confirm.subject': 'Confirm your subscription to {group}',
  'mail.list.confirm.body':
    'Hello,\n\nSomeone, probably you, asked to receive the announcements of {group} ({name}) at this address. To confirm, open this link and press "Confirm subscription":\n{link}\n\nThe link is valid for {days, plural, one {# day} other {# days}}. If you did not ask for this, ignore this mail: nothing more will be sent to you.',
  'mail.list.footer':
    'You receive this mail because you subscribed to the announcements of {group}.\nUnsubscribe: {link}\nArchive: {archive}',
  'announcement.archive': 'Announcements',
  'announcement.none': 'No announcements yet.',
  'announcement.new': 'Send an announcement',
  'announcement.subject': 'Subject',
  'announcement.body': 'Message',
  'announcement.bodyHint': "Plain text. Each mail ends with a link to unsubscribe, in the recipient's language.",
  'announcement.meeting': 'Meeting',
  'announcement.noMeeting': 'None',
  'announcement.attachCircular': "Attach the meeting's circular as PDF, in each recipient's language when it is known",
  'announcement.attachCircularHint': 'Only for a meeting whose circular has been issued: {meetings}.',
  'announcement.noCircular': 'No meeting of this group has an issued circular yet.',
  'announcement.recipientsNow':
    '{count, plural, =0 {The list has no confirmed subscribers yet; the announcement will only be archived.} one {It will be sent to # confirmed subscriber.} other {It will be sent to # confirmed subscribers.}}',
  'announcement.confirm.title': 'Send this announcement?',
  'announcement.confirm.circular': 'The circular’s PDF is attached, in each recipient’s language when it is known.',
  'announcement.confirm.final': 'A mail that has been sent cannot be recalled.',
  'announcement.send': 'Send',
  'announcement.sentOn': 'Sent on {date}',
  'announcement.circularAttached': 'Circular attached (PDF)',
  'announcement.recipients': 'Recipients',
  'announcement.delivery': 'Delivery',
  'announcement.attempts': 'Attempts',
  'announcement.lastError': 'Last error',
  'announcement.sentAt': 'Sent',
  'announcement.counts': '{total, plural, one {# recipient} other {# recipients}} · {queued} queued · {sent} sent · {failed} failed',
  'announcement.publicPage': 'Public page of this announcement',
  'announcement.report': 'Delivery report',
  'error.circularNeedsMeeting': 'Choose the meeting whose circular to attach.',
  'error.circularNotIssued': 'This meeting has no issued circular to attach.',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
