import { countryName, formatDate, formatDateRange, languageName } from '../../platform/i18n/dates.ts';
import { directionOf, isLocale, type Locale, type MessageKey, pick, type Translate } from '../../platform/i18n/index.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import { type DecisionKind, decisionKindLabel } from '../decisions/vocabulary.ts';
import { documentTypeLabel, documentTypes } from '../documents/vocabulary.ts';
import { officerRoleLabel, officerRoles } from '../groups/vocabulary.ts';
import { meetingModeLabel, meetingModes } from '../meetings/vocabulary.ts';
import { participationModeLabel, participationModes } from '../registrations/vocabulary.ts';
import type { ReportFacts, ReportTexts } from './facts.ts';
import type { ReportTextField } from './vocabulary.ts';

/** One block of a report, the same for the page, the PDF and the .docx. */
export type ReportBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; placeholder?: boolean }
  | { kind: 'facts'; rows: { label: string; value: string }[] }
  | { kind: 'table'; caption: string; headers: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] };

/** A report in one language, ready to render. */
export interface Report {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  title: string;
  /** "Draft …" or "Version 2, issued on …". */
  status: string;
  blocks: ReportBlock[];
}

/** Whether the report is the draft (its empty texts marked as still to write) or an issued version. */
type ReportState = { draft: true } | { draft: false; version: number; issuedOn: string };

const label = <K extends string>(labels: Record<K, MessageKey>, values: readonly K[], key: string, t: Translate) =>
  isOneOf(values, key) ? t(labels[key]) : key;

/**
 * The meeting's report in one language, composed from its facts and the secretariat's texts. Pure: labels
 * come from `t` (the catalog in `locale`), titles stay as they were stored.
 */
export function composeReport(facts: ReportFacts, texts: ReportTexts, state: ReportState, locale: Locale, t: Translate): Report {
  const blocks: ReportBlock[] = [];
  const heading = (text: string, level: 2 | 3 = 2) => blocks.push({ kind: 'heading', level, text });
  const paragraphs = (text: string) => {
    for (const p of text
      .split(/\n\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean))
      blocks.push({ kind: 'paragraph', text: p });
  };
  const written = (field: ReportTextField) => {
    const text = texts[field][locale]?.trim() ?? '';
    if (text) paragraphs(text);
    else if (state.draft) blocks.push({ kind: 'paragraph', text: t('report.toWrite'), placeholder: true });
  };
  // Stored data (titles, names) is in its own language, often English in an Arabic report: isolated as the
  // circular's letter does (U+2068…U+2069, the plain-text bdi), so it keeps its order in the right-to-left text.
  const rtl = directionOf(locale) === 'rtl';
  const iso = (value: string) => (rtl && /[A-Za-z]/.test(value) ? `\u2068${value}\u2069` : value);
  const named = (text: Record<string, string>) => iso(pick(text, locale));
  const m = facts.meeting;
  const virtual = m.mode === 'virtual';
  const place = (p: { venueName: Record<string, string>; venueCity: Record<string, string>; venueCountry: string; mode: string }) =>
    p.mode === 'virtual'
      ? t('report.virtual')
      : [named(p.venueName), named(p.venueCity), p.venueCountry ? countryName(p.venueCountry, locale) : ''].filter(Boolean).join(', ');
  const dates = (first: string, last: string) => (first ? formatDateRange(first, last || first, locale) : '');

  heading(t('report.section.meeting'));
  blocks.push({
    kind: 'facts',
    rows: [
      { label: t('report.label.group'), value: `${facts.group.code} – ${named(facts.group.name)}` },
      { label: t('report.label.dates'), value: dates(m.firstDay, m.lastDay) },
      ...(virtual ? [] : [{ label: t('report.label.venue'), value: place(m) }]),
      { label: t('report.label.mode'), value: label(meetingModeLabel, meetingModes, m.mode, t) },
      { label: t('report.label.languages'), value: m.languages.map((l) => languageName(l, locale)).join(t('report.listSeparator')) },
    ],
  });

  heading(t('report.section.opening'));
  written('opening');
  if (facts.chairs.length > 0)
    blocks.push({
      kind: 'list',
      items: facts.chairs.map((c) => {
        const who = [iso(c.name), iso(c.affiliation), c.country ? countryName(c.country, locale) : ''].filter(Boolean).join(', ');
        return `${label(officerRoleLabel, officerRoles, c.role, t)}: ${who}`;
      }),
    });
  else blocks.push({ kind: 'paragraph', text: t('report.chairs.none') });

  heading(t('report.section.attendance'));
  const a = facts.attendance;
  blocks.push({ kind: 'paragraph', text: t('report.attendance.total', { count: a.total }) });
  if (a.waitlisted > 0) blocks.push({ kind: 'paragraph', text: t('report.attendance.waitlisted', { count: a.waitlisted }) });
  if (a.total > 0) {
    blocks.push({
      kind: 'table',
      caption: t('report.attendance.byMode'),
      headers: [t('report.col.mode'), t('report.col.count')],
      rows: a.byMode.map((r) => [label(participationModeLabel, participationModes, r.key, t), String(r.count)]),
    });
    blocks.push({
      kind: 'table',
      caption: t('report.attendance.byCountry'),
      headers: [t('report.col.country'), t('report.col.count')],
      rows: a.byCountry.map((r) => [r.key ? countryName(r.key, locale) : t('report.unknownCountry'), String(r.count)]),
    });
  }

  heading(t('report.section.documents'));
  const d = facts.documents;
  blocks.push({ kind: 'paragraph', text: t('report.documents.total', { count: d.total }) });
  if (d.withdrawn > 0) blocks.push({ kind: 'paragraph', text: t('report.documents.withdrawn', { count: d.withdrawn }) });
  if (d.total > 0)
    blocks.push({
      kind: 'table',
      caption: t('report.documents.byType'),
      headers: [t('report.col.type'), t('report.col.documents')],
      rows: d.byType.map((r) => [label(documentTypeLabel, documentTypes, r.key, t), String(r.count)]),
    });
  if (d.contributions.length > 0)
    blocks.push({
      kind: 'table',
      caption: t('report.contributions'),
      headers: [t('report.col.number'), t('report.col.title'), t('report.col.source')],
      rows: d.contributions.map((c) => [c.number, iso(c.title), iso(c.sources.join(t('report.listSeparator')))]),
    });

  for (const s of facts.sessions) {
    heading(t('report.session', { session: s.subgroup, title: named(s.title), dates: dates(s.startDate, s.endDate) }));
    if (s.items.length === 0) blocks.push({ kind: 'paragraph', text: t('report.noAgenda') });
    for (const item of s.items) {
      heading(`${item.number}. ${iso(item.title)}`, 3);
      if (item.documents.length > 0)
        blocks.push({
          kind: 'table',
          caption: t('report.itemDocuments', { item: item.number }),
          headers: [t('report.col.number'), t('report.col.title'), t('report.col.decision')],
          rows: item.documents.map((doc) => [doc.number, iso(doc.title), decisionText(doc, t, iso)]),
        });
      if (item.conclusion) blocks.push({ kind: 'paragraph', text: t('report.conclusion', { text: iso(item.conclusion) }) });
    }
  }

  heading(t('report.section.outputs'));
  if (facts.outputs.length > 0) blocks.push({ kind: 'list', items: facts.outputs.map((o) => `${o.number}: ${iso(o.title)}`) });
  else blocks.push({ kind: 'paragraph', text: t('report.outputs.none') });

  heading(t('report.section.aob'));
  written('aob');
  heading(t('report.section.summary'));
  written('summary');

  heading(t('report.section.next'));
  const next = facts.next;
  blocks.push({
    kind: 'paragraph',
    text: next
      ? t('report.next.when', { title: named(next.title), dates: dates(next.firstDay, next.lastDay), place: place(next) })
      : t('report.next.none'),
  });

  return {
    locale,
    dir: directionOf(locale),
    title: t('report.title', { meeting: named(m.title) }),
    status: state.draft
      ? t('report.draftStatus')
      : t('report.versionStatus', { version: state.version, date: formatDate(state.issuedOn, locale) }),
    blocks,
  };
}

/** "Agreed", "Revised – replaced by X", with the note after a dash. */
function decisionText(
  doc: { decision: DecisionKind | null; related: string | null; note: string },
  t: Translate,
  iso: (value: string) => string,
): string {
  if (!doc.decision) return t('report.noDecision');
  const related = doc.related
    ? t(doc.decision === 'revised' ? 'report.related.revised' : 'report.related.merged', { number: doc.related })
    : '';
  return [t(decisionKindLabel[doc.decision]), related, doc.note ? iso(doc.note) : ''].filter(Boolean).join(' – ');
}

/** The report's language: the one asked for when it is one of the meeting's working languages, else the reader's, else the first. */
export function reportLocale(languages: readonly string[], asked: unknown, reader: Locale): Locale {
  const usable = languages.filter((l): l is Locale => isLocale(l));
  if (typeof asked === 'string' && isOneOf(usable, asked)) return asked;
  if (usable.includes(reader)) return reader;
  return usable[0] ?? reader;
}
