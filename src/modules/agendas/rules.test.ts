import { describe, expect, it } from 'vitest';
import {
  type AgendaFormRow,
  agendaVersionLabel,
  documentProblems,
  formFieldFor,
  mayRead,
  nextVersion,
  numberItems,
  orderFormRows,
  parseDocumentNumbers,
} from './rules.ts';

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

describe('edit form rows', () => {
  const rows = (...list: AgendaFormRow[]) => list.entries();

  it('orders by position, drops rows without a title, and remembers where each item came from', () => {
    const result = orderFormRows(
      rows(
        { position: '2', title: 'Second', description: ' text ', documents: 'fgmv-i-001' },
        { position: '1', title: 'First' },
        { position: '3', title: '  ', description: 'removed: no title' },
        { position: '', title: 'Last (no position)' },
        { position: '1.5', title: 'Between' },
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.items).toEqual([
      { title: 'First', description: '', documents: [] },
      { title: 'Between', description: '', documents: [] },
      { title: 'Second', description: 'text', documents: ['FGMV-I-001'] },
      { title: 'Last (no position)', description: '', documents: [] },
    ]);
    expect(result.rowOf).toEqual([1, 4, 0, 3]);
  });

  it('keeps the form order for equal positions', () => {
    const result = orderFormRows(rows({ position: '1', title: 'A' }, { position: '1', title: 'B' }, { position: '0', title: 'C' }));
    expect(result.items.map((i) => i.title)).toEqual(['C', 'A', 'B']);
  });

  it('reports a position that is not a number on its own row', () => {
    const result = orderFormRows(rows({ position: '1', title: 'A' }, { position: 'first', title: 'B' }, { position: 'x', title: '' }));
    expect(result.errors).toEqual([{ field: 'items_1_position', message: 'agenda.error.position' }]);
  });

  it('works on sparse row indices', () => {
    const result = orderFormRows(
      new Map<number, AgendaFormRow>([
        [7, { position: '2', title: 'Seven' }],
        [2, { position: '1', title: 'Two' }],
      ]),
    );
    expect(result.items.map((i) => i.title)).toEqual(['Two', 'Seven']);
    expect(result.rowOf).toEqual([2, 7]);
  });

  it.each([
    ['items.1.documents', [4, 0], 'items_0_documents'],
    ['items.0.title', [4, 0], 'items_4_title'],
    ['items.9.title', [4, 0], 'items_9_title'],
    ['items', [4, 0], 'items'],
    ['items_3_position', [4, 0], 'items_3_position'],
  ])('error path %s on rows %j is the form field %s', (path, rowOf, field) => {
    expect(formFieldFor(path, rowOf)).toBe(field);
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
