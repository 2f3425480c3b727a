import { describe, expect, it } from 'vitest';
import { circular90Facts } from '../../../test/support/circular.ts';
import { locales } from '../../platform/i18n/index.ts';
import type { CircularFacts } from './facts.ts';
import { buildLetter, factChanges, sortByDate } from './letter.ts';
import { en } from './text/en.ts';
import { letterCatalogs } from './text/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('circular catalogs', () => {
  it.each(locales)('%s has exactly the English keys and placeholders, none empty', (locale) => {
    const catalog = letterCatalogs[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(catalog[key].trim() || key === 'sentenceJoin', `${locale}:${key}`).toBeTruthy();
      expect(placeholders(catalog[key]), `${locale}:${key}`).toEqual(placeholders(en[key]));
    }
  });
});

const facts = (over: Partial<CircularFacts['meeting']> = {}, deadlines: Partial<CircularFacts['deadlines']> = {}): CircularFacts => {
  const base = circular90Facts();
  return { ...base, meeting: { ...base.meeting, ...over }, deadlines: { ...base.deadlines, ...deadlines } };
};

describe('buildLetter', () => {
  it('orders the key deadlines by date, whatever their kind', () => {
    const letter = buildLetter(
      { number: 7, version: 1, issuedOn: '2023-04-01', facts: facts({}, { registration: '2023-05-01', contributions: '2023-04-10' }) },
      'en',
    );
    const table = letter.blocks.find((b) => b.kind === 'deadlines');
    expect(table?.kind === 'deadlines' && table.rows.map((r) => r.isoDate)).toEqual(['2023-04-10', '2023-04-14', '2023-05-01']);
  });

  it('leaves visas out of a virtual meeting and remote participation out of an in-person one', () => {
    const virtual = buildLetter({ number: 1, version: 1, issuedOn: '2023-04-01', facts: facts({ mode: 'virtual' }) }, 'en');
    const text = JSON.stringify(virtual);
    expect(text).not.toContain('visa');
    expect(virtual.subject.text).toContain('online');
    const inPerson = JSON.stringify(
      buildLetter({ number: 1, version: 1, issuedOn: '2023-04-01', facts: facts({ mode: 'in-person' }) }, 'en'),
    );
    expect(inPerson).not.toContain('Remote participation');
    expect(inPerson).toContain('Request a visa support letter');
  });

  it('names the officers with their titles in the reader’s language', () => {
    expect(JSON.stringify(buildLetter({ number: 1, version: 1, issuedOn: '2023-04-01', facts: facts() }, 'zh'))).toContain(
      'Shin-Gak Kang先生',
    );
    expect(JSON.stringify(buildLetter({ number: 1, version: 1, issuedOn: '2023-04-01', facts: facts() }, 'en'))).toContain(
      'Mr Shin-Gak Kang',
    );
  });

  it('lists in a corrigendum what changed since the version it corrects', () => {
    const before = facts();
    const after = facts({}, { registration: '2023-04-25' });
    const letter = buildLetter(
      { number: 90, version: 2, issuedOn: '2023-04-12', facts: after, previous: { issuedOn: '2023-04-06', facts: before } },
      'en',
    );
    expect(letter.corrigendum?.title).toBe('Corrigendum 1');
    expect(letter.corrigendum?.changes).toEqual(['Pre-registration: 21 April 2023 → 25 April 2023']);
  });
});

describe('the venue', () => {
  const cicg = { en: 'CICG', fr: 'Centre international de conférences de Genève' };
  const paragraphs = (letter: ReturnType<typeof buildLetter>) =>
    letter.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n');

  it('is named in the letter’s language where the meeting names it, else in English', () => {
    const issued = { number: 90, version: 1, issuedOn: '2023-04-06', facts: facts({ venueName: cicg }) };
    expect(paragraphs(buildLetter(issued, 'fr'))).toContain('Lieu des réunions: Centre international de conférences de Genève, Genève');
    expect(paragraphs(buildLetter(issued, 'ru'))).toContain('CICG, Женева');
  });

  it('is stated before and after in the corrigendum, in its language', () => {
    const letter = buildLetter(
      {
        number: 90,
        version: 2,
        issuedOn: '2023-04-12',
        facts: facts({ venueName: cicg }),
        previous: { issuedOn: '2023-04-06', facts: facts() },
      },
      'fr',
    );
    expect(letter.corrigendum?.changes).toEqual([
      expect.stringMatching(/^Lieu.*siège de l’UIT, Genève → Centre international de conférences de Genève, Genève$/),
    ]);
  });
});

describe('factChanges', () => {
  it.each([
    ['nothing', facts(), []],
    ['a deadline', facts({}, { visaSupport: '2023-04-10' }), ['visaSupport']],
    [
      'a session moved',
      facts({
        sessions: [
          { kind: 'WG', number: 5, title: {}, startDate: '2023-05-10', endDate: '2023-05-11' },
          { kind: 'WG', number: 6, title: {}, startDate: '2023-05-09', endDate: '2023-05-09' },
        ],
      }),
      ['sessions'],
    ],
    ['the languages', facts({ languages: ['en', 'fr'] }), ['languages']],
    ['the mode', facts({ mode: 'virtual' }), ['venue']],
    ['the venue’s name in one language', facts({ venueName: { ...circular90Facts().meeting.venueName, fr: 'CICG' } }), ['venue']],
    ['the title', facts({ title: { en: 'Another' } }), ['title']],
  ])('notices %s', (_, after, fields) => {
    expect(factChanges(facts(), after).map((c) => c.field)).toEqual(fields);
  });
});

describe('sortByDate', () => {
  it('keeps the given order on the same day', () => {
    expect(
      sortByDate([
        { isoDate: '2023-02-01', n: 1 },
        { isoDate: '2023-01-01', n: 2 },
        { isoDate: '2023-02-01', n: 3 },
      ]).map((r) => r.n),
    ).toEqual([2, 1, 3]);
  });
});
