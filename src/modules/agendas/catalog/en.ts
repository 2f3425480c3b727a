/**
 * The English messages of the agendas module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'agenda.link': 'Agenda',
  'agenda.draftLink': 'Draft agenda',
  'agenda.title': 'Agenda of {session}',
  'agenda.draft': 'Draft agenda',
  'agenda.items': 'Items',
  'agenda.noItems': 'No items yet.',
  'agenda.documents': 'Documents',
  'agenda.documentsHint': 'Document numbers of this meeting, separated by commas or spaces, e.g. FGMV-I-001, FGMV-TD-002.',
  'agenda.publishedOn': 'Published {date}',
  'agenda.notPublic': "Not public: only the secretariat and the group's officers see it.",
  'agenda.earlierVersion': 'This is an earlier version of the agenda.',
  'agenda.seeLatest': 'See the latest version',
  'agenda.nothingPublished': 'No agenda has been published for this session yet.',
  'agenda.versions': 'Versions',
  'agenda.original': 'Original',
  'agenda.versionPublished': '{label}, published {date}',
  'agenda.draftState': 'A draft is in progress (last saved {date}). It is not public until it is published.',
  'agenda.emptyDraftPrompt': 'There is no agenda yet. Prepare the draft: add its items and allocate documents, then publish it.',
  'agenda.noDraft': 'No draft in progress. Editing the agenda starts {label}; the published version stays as it is.',
  'agenda.editDraft': 'Edit draft',
  'agenda.startDraft': 'Prepare the draft agenda',
  'agenda.newRevision': 'Prepare {label}',
  'agenda.confirm.title': 'Publish the agenda?',
  'agenda.confirm.items':
    '{count, plural, one {Its # item becomes public} other {Its # items become public}} on the session’s agenda page, with the documents allocated to them.',
  'agenda.tool.edit': 'Edit the agenda of {session}',
  'agenda.tool.published': 'published',
  'agenda.tool.notPublished': 'not published yet',
  'home.agendasToPublish': 'Sessions without a published agenda',
  'agenda.publish': 'Publish',
  'agenda.publishHint': 'Publishing makes the draft public. Earlier versions stay readable; later edits start a new revision.',
  'agenda.editTitle': 'Edit the draft agenda of {session}',
  'agenda.editVersion': 'This draft will be published as {label}.',
  'agenda.editFirst': 'This draft will be the first published agenda of the session.',
  'agenda.editHint':
    'Items are numbered in the order of their positions (2.5 goes between 2 and 3). An item with an empty title is removed. Use the empty rows at the end to add items.',
  'agenda.row': 'Row {n}',
  'agenda.position': 'Position',
  'agenda.itemTitle': 'Title',
  'agenda.description': 'Description',
  'agenda.saveDraft': 'Save draft',
  'agenda.backToAgenda': 'Back to the agenda',
  'agenda.allocatedTo': 'Agenda item',
  'agenda.allocation': '{session} – item {item}: {title}',
  'agenda.notice.published': 'The agenda has been published.',
  'agenda.error.unknownDocument': 'No document has this number: {numbers}.',
  'agenda.error.otherMeeting': 'Not a document of this meeting: {numbers}.',
  'agenda.error.noDraft': 'There is no draft to publish: edit the agenda first.',
  'agenda.error.empty': 'The draft has no items; add at least one before publishing.',
  'agenda.error.position': 'Please enter a number, such as 3 (or 2.5 to go between 2 and 3).',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
