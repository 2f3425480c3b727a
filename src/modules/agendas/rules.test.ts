import { describe, expect, it } from 'vitest';
import { agendaVersionLabel, documentProblems, mayRead, nextVersion, numberItems, parseDocumentNumbers } from './rules.ts';

describe('version labels', () => {
  it.each([
    [1, ''],
    [2, 'Rev.1'],
    [3, 'Rev.2'],
    [11, 'Rev.10'],
  ])('version %i → %j', (version, label) => {
    expect(agendaVersionLabel(version)).toBe(label);
  });

  it.each([
    [undefined, 1],
    [null, 1],
    [1, 2],
    [4, 5],
  ])('after latest version %s the draft is version %i', (latest, next) => {
    expect(nextVersion(latest)).toBe(next);
  });
});

describe('numbering', () => {
  it('numbers items 1..n in their order', () => {
    expect(numberItems([{ title: 'Opening' }, { title: 'Adoption of the agenda' }, { title: 'Closing' }])).toEqual([
      { title: 'Opening', number: 1 },
      { title: 'Adoption of the agenda', number: 2 },
      { title: 'Closing', number: 3 },
    ]);
    expect(numberItems([])).toEqual([]);
  });
});

describe('document numbers', () => {
  it.each([
    ['FGMV-I-001, FGMV-TD-002', ['FGMV-I-001', 'FGMV-TD-002']],
    ['fgmv-i-001  fgmv-i-002;FGMV-I-001\nFGMV-O-003', ['FGMV-I-001', 'FGMV-I-002', 'FGMV-O-003']],
    ['FGMV-I-001، FGMV-I-002؛FGMV-I-003，FGMV-I-004、FGMV-I-005', ['FGMV-I-001', 'FGMV-I-002', 'FGMV-I-003', 'FGMV-I-004', 'FGMV-I-005']],
    ['', []],
    [' , ; ', []],
    [undefined, []],
    [
      ['FGMV-I-001', 'fgmv-i-002, FGMV-I-003'],
      ['FGMV-I-001', 'FGMV-I-002', 'FGMV-I-003'],
    ],
  ] as const)('%j → %j', (input, expected) => {
    expect(parseDocumentNumbers(input)).toEqual(expected);
  });

  it('tells unknown documents from those of another meeting', () => {
    const known = new Map([
      ['FGMV-I-001', { meetingId: 1 }],
      ['FGMV-I-050', { meetingId: 2 }],
      ['FGMV-I-060', { meetingId: null }],
    ]);
    expect(documentProblems(['FGMV-I-001'], known, 1)).toEqual({ unknown: [], otherMeeting: [] });
    expect(documentProblems(['FGMV-I-001', 'FGMV-I-999', 'FGMV-I-050', 'FGMV-I-060'], known, 1)).toEqual({
      unknown: ['FGMV-I-999'],
      otherMeeting: ['FGMV-I-050', 'FGMV-I-060'],
    });
  });
});

describe('who may read', () => {
  it.each([
    ['published', false, true],
    ['published', true, true],
    ['draft', false, false],
    ['draft', true, true],
  ] as const)('%s, editor %s → %s', (status, editor, expected) => {
    expect(mayRead(status, editor)).toBe(expected);
  });
});
