/**
 * The English messages of the liaisons module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'liaison.direction.incoming': 'Incoming',
  'liaison.direction.outgoing': 'Outgoing',
  'liaison.purpose.action': 'For action',
  'liaison.purpose.information': 'For information',
  'liaison.status.open': 'Reply due',
  'liaison.status.replied': 'Replied',
  'liaison.status.noReplyNeeded': 'No reply needed',
  'error.liaison.deadlineRequired': 'A statement for action needs a reply deadline.',
  'error.liaison.meeting': 'Choose one of the group’s meetings.',
  'error.liaison.document': 'Give the number of a liaison statement or an output document of this group.',
  'error.liaison.replyTo': 'A reply answers a statement of this group in the other direction.',
  'error.liaison.fileNeedsMeeting': 'Choose the meeting the statement is submitted to, so its file can be numbered.',
  'error.liaison.documentTaken': 'This document is already the text of another liaison statement.',
  'liaison.reminder.subject': '{group}: reply to “{title}” due in {days, plural, one {# day} other {# days}}',
  'liaison.reminder.subjectToday': '{group}: reply to “{title}” due today',
  'liaison.reminder.body':
    'Dear {name},\n\nThe liaison statement “{title}” from {from} asks {group} for a reply by {deadline}, and no reply has been registered yet.\n\n{link}',
  'liaison.reminder.bodyToday':
    'Dear {name},\n\nThe reply to the liaison statement “{title}” from {from} is due today, {deadline}, and no reply has been registered yet.\n\n{link}',
  'liaison.register': 'Liaison statements',
  'liaison.registerIntro': 'Statements received from other bodies and sent to them, with their replies.',
  'liaison.breadcrumb': 'You are here',
  'liaison.direction': 'Direction',
  'liaison.document': 'Number',
  'liaison.title': 'Title',
  'liaison.fromTo': 'From / to',
  'liaison.fromToValue': '{from} → {to}',
  'liaison.purpose': 'Purpose',
  'liaison.replyDeadline': 'Reply deadline',
  'liaison.status': 'Status',
  'liaison.new': 'Register a liaison statement',
  'liaison.fromOutput': 'Outgoing statement from output document',
  'liaison.fromOutputButton': 'Prepare',
  'liaison.none': 'No liaison statements yet.',
  'liaison.count': '{count, plural, one {# liaison statement} other {# liaison statements}}',
  'liaison.noDocument': 'no document',
  'liaison.edit': 'Edit the statement',
  'liaison.reply': 'Register a reply',
  'liaison.replyTitle': 'Reply to: {title}',
  'liaison.fromBody': 'From',
  'liaison.toBody': 'To',
  'liaison.bodyHint': 'The body as it names itself, e.g. ITU-T SG16 or ISO/IEC JTC 1/SC 24.',
  'liaison.contact': 'Contact',
  'liaison.contactName': 'Contact name',
  'liaison.contactEmail': 'Contact e-mail',
  'liaison.replyTo': 'In reply to',
  'liaison.replies': 'Replies',
  'liaison.noReplies': 'No reply registered.',
  'liaison.none.choice': '(none)',
  'liaison.deadlineHint': 'Required for action; the group’s officers are reminded 7 days before and on the day.',
  'liaison.meeting': 'Meeting',
  'liaison.meetingHint': 'The meeting that handles it; a received file is submitted to it as a document.',
  'liaison.documentNumber': 'Existing document',
  'liaison.documentNumberHint': 'The number of its text if already a document of the group (an LS or an output document).',
  'liaison.file': 'File of the statement',
  'liaison.fileHint': 'As received: it becomes a document of type LS, numbered. Word, PDF, PowerPoint, Excel or ZIP.',
  'liaison.save': 'Save',
  'liaison.create': 'Register',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
