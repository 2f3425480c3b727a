import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { composeReport, type Report, reportLocale } from './compose.ts';
import type { ReportFacts, ReportTexts } from './facts.ts';
import { countBy } from './rules.ts';

const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  meeting: {
    id: 1,
    title: { en: 'Fourth meeting', fr: 'Quatrième réunion' },
    venueName: { en: 'ITU headquarters' },
    venueCity: { en: 'Geneva' },
    venueCountry: 'CH',
    mode: 'hybrid',
    languages: ['en', 'fr'],
    firstDay: '2023-05-09',
    lastDay: '2023-05-10',
  },
  group: { code: 'FG-MV', name: { en: 'Focus Group on metaverse' } },
  chairs: [{ role: 'chair', name: 'Ada Lovelace', affiliation: '', country: 'GB' }],
  attendance: { total: 3, byMode: [{ key: 'in-person', count: 3 }], byCountry: [{ key: 'CH', count: 3 }], waitlisted: 0 },
  documents: {
    total: 1,
    withdrawn: 0,
    byType: [{ key: 'I', count: 1 }],
    contributions: [{ number: 'FGMV-I-1', title: 'Use cases', sources: ['A', 'B'] }],
  },
  sessions: [
    {
      subgroup: 'WG1',
      title: { en: 'Use cases' },
      startDate: '2023-05-09',
      endDate: '2023-05-09',
      items: [
        {
          number: 2,
          title: 'Contributions',
          conclusion: 'Start a draft.',
          documents: [{ number: 'FGMV-I-1', title: 'Use cases', decision: 'revised', related: 'FGMV-I-2', note: 'see TD' }],
        },
      ],
    },
  ],
  outputs: [],
  next: null,
  ...over,
});
const noTexts: ReportTexts = { opening: {}, summary: {}, aob: {} };
const en = (f: ReportFacts, texts = noTexts, draft = true) =>
  composeReport(f, texts, draft ? { draft: true } : { draft: false, version: 2, issuedOn: '2023-06-01' }, 'en', translator('en'));
const all = (r: Report) =>
  r.blocks.flatMap((b) =>
    b.kind === 'table'
      ? [b.caption, ...b.headers, ...b.rows.flat()]
      : b.kind === 'list'
        ? b.items
        : b.kind === 'facts'
          ? b.rows.flatMap((x) => [x.label, x.value])
          : [b.text],
  );

describe('composing the report from its facts', () => {
  it.each([
    ['a count of registered people', facts(), '3 participants registered for the meeting.'],
    [
      'nobody registered',
      facts({ attendance: { total: 0, byMode: [], byCountry: [], waitlisted: 0 } }),
      'Nobody registered for the meeting.',
    ],
    [
      'the waiting list apart',
      facts({ attendance: { total: 1, byMode: [], byCountry: [], waitlisted: 2 } }),
      '2 more people were on the waiting list.',
    ],
    ['a decision with its related document and note', facts(), 'Revised – replaced by FGMV-I-2 – see TD'],
    ['the item’s conclusion', facts(), 'Conclusion: Start a draft.'],
    ['the chair with the country’s name', facts(), 'Chair: Ada Lovelace, United Kingdom'],
    ['no output', facts(), 'No output document.'],
    ['outputs listed', facts({ outputs: [{ number: 'FGMV-O-1', title: 'Report' }] }), 'FGMV-O-1: Report'],
    ['no next meeting', facts(), 'Not yet scheduled.'],
    [
      'the next meeting',
      facts({
        next: {
          title: { en: 'Fifth' },
          firstDay: '2023-09-01',
          lastDay: '2023-09-01',
          venueName: {},
          venueCity: {},
          venueCountry: '',
          mode: 'virtual',
        },
      }),
      'Fifth: 1 September 2023, Virtual meeting.',
    ],
    ['the session with its dates', facts(), 'WG1 – Use cases (9 May 2023)'],
    ['the sources of a contribution', facts(), 'A, B'],
  ])('states %s', (_what, f, expected) => {
    expect(all(en(f))).toContain(expected);
  });

  it('marks the texts still to write in the draft only, and splits written texts into paragraphs', () => {
    expect(en(facts()).blocks.filter((b) => b.kind === 'paragraph' && b.placeholder)).toHaveLength(3);
    expect(en(facts(), noTexts, false).blocks.some((b) => b.kind === 'paragraph' && b.placeholder)).toBe(false);
    const texts = { ...noTexts, opening: { en: 'First.\n\nSecond.', fr: 'Premier.' } };
    expect(all(en(facts(), texts))).toEqual(expect.arrayContaining(['First.', 'Second.']));
    expect(en(facts(), texts, false).status).toBe('Version 2, issued on 1 June 2023');
  });

  it('is in the language asked for: labels from the catalog, titles as stored, right to left in Arabic', () => {
    const fr = composeReport(facts(), noTexts, { draft: true }, 'fr', translator('fr'));
    expect(fr.title).toBe('Rapport de la réunion Quatrième réunion');
    expect(all(fr)).toContain('Documents reçus');
    expect(all(fr)).toContain('Contributions');
    const ar = composeReport(facts(), noTexts, { draft: true }, 'ar', translator('ar'));
    expect(ar.dir).toBe('rtl');
    expect(ar.title).toContain('Fourth meeting');
  });

  it.each([
    [['en', 'fr'], 'fr', 'en', 'fr'],
    [['en', 'fr'], 'zh', 'en', 'en'],
    [['en', 'fr'], undefined, 'fr', 'fr'],
    [['fr', 'ru'], undefined, 'en', 'fr'],
    [['fr'], 'xx', 'ar', 'fr'],
  ] as const)('of the languages %j, asked %s by a reader of %s: %s', (languages, asked, reader, expected) => {
    expect(reportLocale(languages, asked, reader)).toBe(expected);
  });

  it('tallies most first, then by key, with weights', () => {
    expect(countBy(['b', 'a', 'b'], (x) => x)).toEqual([
      { key: 'b', count: 2 },
      { key: 'a', count: 1 },
    ]);
    expect(
      countBy(
        [
          { k: 'x', n: 2 },
          { k: 'y', n: 2 },
          { k: 'x', n: 1 },
        ],
        (r) => r.k,
        (r) => r.n,
      ),
    ).toEqual([
      { key: 'x', count: 3 },
      { key: 'y', count: 2 },
    ]);
  });
});
