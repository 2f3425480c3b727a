import type { LocalizedText } from '../../platform/db/columns.ts';
import { countryName, formatDate, formatDateRange, languageName } from '../../platform/i18n/dates.ts';
import { directionOf, type Locale, pick } from '../../platform/i18n/index.ts';
import { type ContributionDeadlines, classesInUse } from '../meetings/rules.ts';
import { type DeadlineKind, deadlineKinds } from '../meetings/vocabulary.ts';
import type { CircularFacts } from './facts.ts';
import { type LetterText, letterText } from './text/index.ts';
import { addresseeText, copyToText, deadlineText } from './vocabulary.ts';

/** A paragraph of the letter; `number` is printed in the margin of the first paragraph of a section. */
interface LetterParagraph {
  kind: 'paragraph';
  number?: string;
  text: string;
}
interface LetterList {
  kind: 'list';
  items: string[];
}
interface LetterDeadlines {
  kind: 'deadlines';
  caption: string;
  headers: [string, string];
  rows: { date: string; isoDate: string; what: string }[];
}
type LetterBlock = LetterParagraph | LetterList | LetterDeadlines;

/** The circular laid out as text in one language; the HTML page and the PDF both render this. */
export interface Letter {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  organization: string;
  bureau: string;
  placeDate: string;
  reference: { label: string; lines: string[] };
  /** "Corrigendum 1" and what it changes, on versions after the first. */
  corrigendum?: { title: string; note: string; changes: string[] };
  to: { label: string; items: string[] };
  copyTo: { label: string; items: string[] };
  contact: { label: string; value: string }[];
  subject: { label: string; text: string };
  salutation: string;
  blocks: LetterBlock[];
  closing: string[];
}

export interface IssuedVersion {
  number: number;
  version: number;
  issuedOn: string;
  facts: CircularFacts;
  /** The version this one corrects, to list what changed. */
  previous?: { issuedOn: string; facts: CircularFacts };
}

const titleKeys = { mr: 'officer.mr', ms: 'officer.ms', dr: 'officer.dr', prof: 'officer.prof' } as const;

/** Lays out an issued (or previewed) circular in `locale`. Pure: the same facts always read the same. */
export function buildLetter(issued: IssuedVersion, locale: Locale): Letter {
  const t = letterText(locale);
  const { facts } = issued;
  const { group, meeting } = facts;
  const date = (iso: string) => formatDate(iso, locale);
  const list = (items: string[]) => listFormat(locale).format(items);
  const sentence = (clauses: string[]) => clauses.join(t('clauseSeparator')) + t('sentenceEnd');
  const code = group.code;
  const groupName = pick(group.name, locale);
  const first = firstDay(facts);
  const last = lastDay(facts);
  const dates = formatDateRange(first, last, locale);
  const country = countryName(meeting.venueCountry, locale);
  const place = t('place', { city: pick(meeting.venueCity, locale), country });
  const label = (s: { kind: string; number: number | null }) =>
    s.kind === 'WG' ? t('subgroup.WG', { number: s.number ?? '' }) : t('subgroup.TG');
  const virtual = meeting.mode === 'virtual';
  const several = meeting.sessions.length > 1;

  const blocks: LetterBlock[] = [];
  const paragraph = (text: string, number?: string) => blocks.push({ kind: 'paragraph', text, number });

  const sessionNames = list(meeting.sessions.map((s) => t('subgroup.quoted', { label: label(s), title: pick(s.title, locale) })));
  const introKey = virtual ? 'intro.virtual' : several ? 'intro' : 'intro.one';
  paragraph(t(introKey, { sessions: sessionNames, group: groupName, code, place, dates }));

  const mandate = pick(group.mandate, locale)
    .split(/\n\s*\n/)[0]
    ?.trim();
  if (mandate) paragraph(mandate, '1');
  const by =
    pick(group.establishedBy, locale) ||
    (group.parentBody && group.establishedOn ? t('established.fallback', { body: group.parentBody, date: date(group.establishedOn) }) : '');
  const chair = facts.officers.find((o) => o.role === 'chair');
  const viceChairs = facts.officers.filter((o) => o.role === 'vice-chair');
  // In a right-to-left letter, names typed in Latin letters are isolated (FSI…PDI), so a browser keeps
  // "University of Thessaly" together instead of reordering it around the brackets.
  const isolate = (value: string) => (directionOf(locale) === 'rtl' && /[A-Za-z]/.test(value) ? `\u2068${value}\u2069` : value);
  const officer = (o: CircularFacts['officers'][number]) => {
    const key = titleKeys[o.title.toLowerCase().replace(/\.$/, '') as keyof typeof titleKeys] ?? 'officer.other';
    const person = t(key, { name: isolate(o.name) });
    const affiliation = [isolate(o.affiliation), o.country ? countryName(o.country, locale) : '']
      .filter(Boolean)
      .join(t('affiliationSeparator'));
    return affiliation ? t('officer.with', { person, affiliation }) : person;
  };
  const aboutGroup = [
    by ? t('established', { code, by }) : '',
    chair && viceChairs.length > 0 ? t('officers', { chair: officer(chair), viceChairs: list(viceChairs.map(officer)) }) : '',
    chair && viceChairs.length === 0 ? t('officers.chairOnly', { chair: officer(chair) }) : '',
  ].filter(Boolean);
  if (aboutGroup.length > 0) paragraph(aboutGroup.join(t('sentenceJoin')), mandate ? undefined : '1');
  if (facts.subgroups.length > 0) {
    paragraph(t('structure', { code }));
    blocks.push({
      kind: 'list',
      items: facts.subgroups.map((s) => t('subgroup.titled', { label: label(s), title: pick(s.title, locale) })),
    });
  }

  const schedule = sentence(
    meeting.sessions.map((s) => t('session.dates', { session: label(s), dates: formatDateRange(s.startDate, s.endDate, locale) })),
  );
  const where = virtual
    ? t('sessions.virtual')
    : t(several ? 'sessions.venue' : 'sessions.venue.one', { venue: pick(meeting.venueName, locale), place });
  paragraph([schedule, where].join(t('sentenceJoin')), '2');
  const languages = list(meeting.languages.map((l) => languageName(l, locale)));
  paragraph(
    [
      t('documentsPosted', { code, url: facts.links.group }),
      meeting.languages.length > 0 ? t('languages', { languages }) : '',
      meeting.mode === 'in-person' ? '' : t('remote'),
    ]
      .filter(Boolean)
      .join(t('sentenceJoin')),
  );
  paragraph(t('purpose'));
  const contributionsTo = group.contributionEmail || facts.contact.email;
  paragraph(
    [
      t('contributions', { email: contributionsTo, code, url: facts.links.template, date: date(facts.deadlines.contributions) }),
      ...contributionClassSentences(facts.contributionClasses, t, date),
    ].join(t('sentenceJoin')),
  );

  paragraph(t('participation', { code, url: facts.links.subscribe }), '3');
  paragraph(
    t(meeting.mode === 'hybrid' ? 'registration' : 'registration.single', {
      url: facts.links.meeting,
      date: date(facts.deadlines.registration),
    }),
    '4',
  );
  if (!virtual) {
    paragraph(t('visa', { country }), '5');
    paragraph(t('visa.support', { date: date(facts.deadlines.visaSupport) }));
  }

  blocks.push(deadlineTable(facts, t, locale, virtual, contributionsTo));

  return {
    locale,
    dir: directionOf(locale),
    organization: pick(facts.bureau.organization, locale),
    bureau: pick(facts.bureau.name, locale),
    placeDate: t('placeDate', { city: pick(facts.bureau.city, locale), date: date(issued.issuedOn) }),
    reference: {
      label: t('label.reference'),
      lines: [
        t('reference', { bureau: pick(facts.bureau.abbreviation, locale) || facts.bureau.code, number: issued.number }),
        facts.initials,
      ].filter(Boolean),
    },
    corrigendum: issued.version > 1 ? corrigendumOf(issued, t, locale) : undefined,
    to: { label: t('label.to'), items: facts.addressees.map((k) => t(addresseeText[k])) },
    copyTo: { label: t('label.copyTo'), items: facts.copyTo.map((k) => t(copyToText[k])) },
    contact: [
      { label: t('label.tel'), value: facts.contact.tel },
      { label: t('label.fax'), value: facts.contact.fax },
      { label: t('label.email'), value: facts.contact.email },
    ].filter((c) => c.value),
    subject: {
      label: t('label.subject'),
      text: virtual
        ? t('subject.virtual', { meeting: pick(meeting.title, locale), dates })
        : t('subject', { meeting: pick(meeting.title, locale), place, dates }),
    },
    salutation: t('salutation'),
    blocks,
    closing: [t('closing'), t('regards'), t('signature', { bureau: pick(facts.bureau.name, locale) })],
  };
}

/**
 * The deadline classes a meeting uses, said after the contribution deadline: translation first, then what
 * happens after the deadline (late, too late). Nothing for a circular issued before the classes existed.
 */
function contributionClassSentences(classes: CircularFacts['contributionClasses'], t: LetterText, date: (iso: string) => string): string[] {
  if (!classes) return [];
  const inUse = classesInUse(classes);
  const sentences =
    inUse.includes('translation') && classes.translation ? [t('contributions.translation', { date: date(classes.translation) })] : [];
  if (classes.late === 'refuse') {
    sentences.push(t(classes.tooLate === 'hold-over' ? 'contributions.noLate.hold-over' : 'contributions.noLate.refuse'));
  } else if (classes.lateUntil === null) {
    sentences.push(t('contributions.late.noEnd'));
  } else {
    sentences.push(t('contributions.late.until', { date: date(classes.lateUntil) }));
    sentences.push(t(classes.tooLate === 'hold-over' ? 'contributions.tooLate.hold-over' : 'contributions.tooLate.refuse'));
  }
  return sentences;
}

function deadlineTable(facts: CircularFacts, t: LetterText, locale: Locale, virtual: boolean, email: string): LetterDeadlines {
  const classes = facts.contributionClasses;
  const inUse = classes ? classesInUse(classes) : [];
  const rows = [
    ...(virtual ? [] : [{ isoDate: facts.deadlines.visaSupport, what: t('deadline.visaSupport') }]),
    { isoDate: facts.deadlines.registration, what: t('deadline.registration', { code: facts.group.code }) },
    ...(classes?.translation && inUse.includes('translation')
      ? [{ isoDate: classes.translation, what: t('deadline.translation', { email }) }]
      : []),
    { isoDate: facts.deadlines.contributions, what: t('deadline.contributions', { email }) },
    ...(classes?.lateUntil && inUse.includes('late') ? [{ isoDate: classes.lateUntil, what: t('deadline.lateUntil') }] : []),
  ];
  return {
    kind: 'deadlines',
    caption: t('deadlines.caption'),
    headers: [t('deadlines.date'), t('deadlines.what')],
    rows: sortByDate(rows).map((r) => ({ ...r, date: formatDate(r.isoDate, locale) })),
  };
}

/** Earliest first; on the same day, in the order given (stable). */
export function sortByDate<T extends { isoDate: string }>(rows: T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.isoDate.localeCompare(b.row.isoDate) || a.index - b.index)
    .map(({ row }) => row);
}

function corrigendumOf(issued: IssuedVersion, t: LetterText, locale: Locale): Letter['corrigendum'] {
  const previous = issued.previous;
  const changes = previous ? factChanges(previous.facts, issued.facts).map((c) => describeChange(c, t, locale)) : [];
  return {
    title: t('corrigendum', { number: issued.version - 1 }),
    note: previous ? t('corrigendum.note', { date: formatDate(previous.issuedOn, locale) }) : '',
    changes,
  };
}

interface VenueFacts {
  name: LocalizedText;
  city: LocalizedText;
  country: string;
  mode: string;
}
export type FactChange =
  | { field: DeadlineKind; before: string; after: string }
  | { field: 'sessions'; before: CircularFacts['meeting']['sessions']; after: CircularFacts['meeting']['sessions'] }
  | { field: 'languages'; before: string[]; after: string[] }
  | { field: 'contact'; before: string; after: string }
  | { field: 'officers' }
  | { field: 'venue'; before: VenueFacts; after: VenueFacts }
  | { field: 'title'; before: string; after: string }
  | { field: 'contributionClasses'; before: ContributionDeadlines; after: ContributionDeadlines };

/**
 * What a corrigendum must announce: the facts participants act on (deadlines, dates, venue, title).
 * Pure; an empty list means the meeting still reads as issued.
 */
export function factChanges(before: CircularFacts, after: CircularFacts): FactChange[] {
  const changes: FactChange[] = [];
  for (const field of deadlineKinds) {
    if (before.deadlines[field] !== after.deadlines[field]) {
      changes.push({ field, before: before.deadlines[field], after: after.deadlines[field] });
    }
  }
  // Each session's dates, as paragraph 2 states them: a session moved, added or dropped.
  const sessions = (f: CircularFacts) => f.meeting.sessions.map((x) => `${x.kind}${x.number ?? ''}:${x.startDate}:${x.endDate}`).join('|');
  if (sessions(before) !== sessions(after))
    changes.push({ field: 'sessions', before: before.meeting.sessions, after: after.meeting.sessions });
  if (before.meeting.languages.join() !== after.meeting.languages.join()) {
    changes.push({ field: 'languages', before: before.meeting.languages, after: after.meeting.languages });
  }
  const contact = (f: CircularFacts) =>
    [f.contact.tel, f.contact.fax, f.contact.email, f.group.contributionEmail].filter(Boolean).join(' · ');
  if (contact(before) !== contact(after)) changes.push({ field: 'contact', before: contact(before), after: contact(after) });
  const officers = (f: CircularFacts) => canonical(f.officers);
  if (officers(before) !== officers(after)) changes.push({ field: 'officers' });
  // The venue in every language the letters name it in, and the mode (a virtual meeting names none).
  const venue = (f: CircularFacts): VenueFacts => ({
    name: f.meeting.venueName,
    city: f.meeting.venueCity,
    country: f.meeting.venueCountry,
    mode: f.meeting.mode,
  });
  if (canonical(venue(before)) !== canonical(venue(after))) changes.push({ field: 'venue', before: venue(before), after: venue(after) });
  const title = (f: CircularFacts) => canonical(f.meeting.title);
  if (title(before) !== title(after)) changes.push({ field: 'title', before: title(before), after: title(after) });
  // The deadline classes (translation date, late window, too-late policy); a circular issued before they existed said none.
  if (before.contributionClasses && after.contributionClasses) {
    if (canonical(before.contributionClasses) !== canonical(after.contributionClasses)) {
      changes.push({ field: 'contributionClasses', before: before.contributionClasses, after: after.contributionClasses });
    }
  }
  return changes;
}

/** JSON with object keys sorted: facts read back from jsonb come with their keys in another order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

const placeIn = (v: VenueFacts, locale: Locale) => [pick(v.name, locale), pick(v.city, locale)].filter(Boolean).join(', ');

function describeChange(change: FactChange, t: LetterText, locale: Locale): string {
  switch (change.field) {
    case 'visaSupport':
    case 'registration':
    case 'contributions':
      return t('corrigendum.change', {
        what: t(deadlineText[change.field], { code: '', email: '' }).replace(/\s*[（(][^()（）]*[)）]\s*$/, ''),
        before: formatDate(change.before, locale),
        after: formatDate(change.after, locale),
      });
    case 'sessions': {
      const schedule = (list: CircularFacts['meeting']['sessions']) =>
        list
          .map(
            (x) =>
              `${x.kind === 'WG' ? t('subgroup.WG', { number: x.number ?? '' }) : t('subgroup.TG')} ${formatDateRange(x.startDate, x.endDate, locale)}`,
          )
          .join(t('clauseSeparator'));
      return t('corrigendum.change', { what: t('corrigendum.sessions'), before: schedule(change.before), after: schedule(change.after) });
    }
    case 'languages': {
      const names = (codes: string[]) => listFormat(locale).format(codes.map((c) => languageName(c, locale)));
      return t('corrigendum.change', { what: t('corrigendum.languages'), before: names(change.before), after: names(change.after) });
    }
    case 'contact':
      return t('corrigendum.change', { what: t('corrigendum.contact'), before: change.before, after: change.after });
    case 'officers':
      return t('corrigendum.officers');
    case 'contributionClasses': {
      const said = (classes: ContributionDeadlines) =>
        contributionClassSentences(classes, t, (iso) => formatDate(iso, locale)).join(t('sentenceJoin'));
      return t('corrigendum.change', {
        what: t('corrigendum.contributionClasses'),
        before: said(change.before),
        after: said(change.after),
      });
    }
    case 'venue':
      return t('corrigendum.change', {
        what: t('corrigendum.venue'),
        before: placeIn(change.before, locale),
        after: placeIn(change.after, locale),
      });
    case 'title':
      return t('corrigendum.change', {
        what: t('corrigendum.title'),
        before: pick(JSON.parse(change.before), locale),
        after: pick(JSON.parse(change.after), locale),
      });
  }
}

export const firstDay = (f: CircularFacts) => f.meeting.sessions.map((s) => s.startDate).sort()[0] ?? '';
export const lastDay = (f: CircularFacts) =>
  f.meeting.sessions
    .map((s) => s.endDate)
    .sort()
    .at(-1) ?? '';

const listFormats = new Map<Locale, Intl.ListFormat>();
function listFormat(locale: Locale): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    listFormats.set(locale, f);
  }
  return f;
}
