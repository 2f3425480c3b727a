/** The organizations module's messages in English, in ICU MessageFormat: the reference for the other languages. */
export const en = {
  'organization.error.exists': 'An organization of this name already exists in this country.',
  'organization.error.noAccount': 'No account uses this address: the person signs up first.',
  'organization.title': 'Organizations',
  'organization.intro':
    'The administrations, Sector Members, Associates and academic institutions whose people register, and their focal points.',
  'organization.new': 'New organization',
  'organization.newIntro': 'After creating it, add its people and choose its focal points.',
  'organization.name': 'Name',
  'organization.name.hint': 'As it should appear in lists and letters; English is required.',
  'organization.country': 'Country',
  'organization.international': 'International (no country)',
  'organization.category': 'Category',
  'organization.category.hint': 'Decides whether its people may ask for visa support and whose approval their registrations need.',
  'organization.choose': '(choose)',
  'organization.members': 'People',
  'organization.focalPoints': 'Focal points',
  'organization.noFocalPoint': 'none yet',
  'organization.none': 'No organization yet',
  'organization.noneHint': 'Create the organizations whose people register, then name their focal points.',
  'organization.count': '{count, plural, one {# organization} other {# organizations}}',
  'organization.breadcrumb': 'You are here',
  'organization.person': 'Person',
  'organization.email': 'E-mail address',
  'organization.email.hint': 'The address of their convene account.',
  'organization.role': 'Role',
  'organization.focalPoint': 'Focal point',
  'organization.member': 'Member',
  'organization.remove': 'Remove',
  'organization.addMember': 'Add a person',
  'organization.makeFocalPoint': 'This person is a focal point of the organization',
  'organization.focalPoint.hint':
    'A focal point approves or declines the registrations of the organization’s people and may register them.',
  'organization.add': 'Add',
  'organization.membersHeading': 'People and focal points',
  'organization.membersIntro': 'A person belongs to one organization: adding them here moves them from another.',
  'organization.noMembers': 'Nobody belongs to this organization yet.',
  'organization.details': 'Name, country and category',
  'organization.import.tooLarge': 'The sheet is too large: import at most {rows} rows at a time.',
  'organization.import.unreadable': 'Line {line} cannot be read: check its quotation marks.',
  'organization.import.empty': 'Paste a header row and at least one organization.',
  'organization.import.noName': 'Line {line}: the English name (name_en) is missing.',
  'organization.import.badCountry': 'Line {line}: “{value}” is not a two-letter country code (such as CH).',
  'organization.import.badCategory': 'Line {line}: the category “{value}” is not one of {choices}.',
  'organization.import.noAccount': 'Line {line}: no account uses {address} (the person signs up first).',
  'organization.import.title': 'Import organizations',
  'organization.import.intro':
    'Paste rows from a spreadsheet or a CSV file, with a header row. Columns: name_en (required), name_fr, name_es, name_ru, name_zh, name_ar, country (two letters, empty for international), category ({choices}), focal_points and members (addresses of existing accounts). An organization already listed (same English name and country) is updated. Nothing is imported if any line is wrong.',
  'organization.import.csv': 'Rows to import',
  'organization.import.submit': 'Import',
  'organization.import.done': 'Imported: {created} new, {updated} updated, {members} people placed.',
  'organization.memberCount': '{count, plural, one {# person} other {# people}}',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
