import { describe, expect, it } from 'vitest';
import { changedRows, documentsByItem, relatedProblem, takesRelated } from './rules.ts';
import { type DecisionKind, decisionKinds } from './vocabulary.ts';

const decided = { id: 1, meetingId: 10 };
const sameMeeting = { id: 2, meetingId: 10 };
const otherMeeting = { id: 3, meetingId: 11 };
const noMeeting = { id: 4, meetingId: null };

describe('the related document of a decision', () => {
  it.each([
    // decision, number typed, the document it names, the problem
    ['revised', 'FGMV-I-002', sameMeeting, null],
    ['merged', 'FGMV-I-002', sameMeeting, null],
    ['revised', '', undefined, 'decision.error.revisionRequired'],
    ['merged', '', undefined, 'decision.error.mergedRequired'],
    ['revised', 'NOPE-I-9', undefined, 'decision.error.unknownDocument'],
    ['merged', 'FGMV-I-003', otherMeeting, 'decision.error.otherMeeting'],
    ['revised', 'FGMV-I-004', noMeeting, 'decision.error.otherMeeting'],
    ['merged', 'FGMV-I-001', decided, 'decision.error.itself'],
    ['revised', 'FGMV-I-001', decided, 'decision.error.itself'],
    ['agreed', '', undefined, null],
    [null, '', undefined, null],
    ['noted', 'FGMV-I-002', sameMeeting, 'decision.error.relatedNotTaken'],
    [null, 'FGMV-I-002', sameMeeting, 'decision.error.relatedNotTaken'],
  ] as const)('%s with %j → %s', (kind, number, related, problem) => {
    expect(relatedProblem(kind, number, related, decided)).toBe(problem);
  });

  it('is taken by revised and merged only', () => {
    expect(decisionKinds.filter((k: DecisionKind) => takesRelated(k))).toEqual(['revised', 'merged']);
    expect(takesRelated(null)).toBe(false);
  });
});

describe('the documents of each item', () => {
  it('lists a document once per session, under the first item it is allocated to', () => {
    const items = [
      { number: 1, documentIds: [] },
      { number: 2, documentIds: [5, 6] },
      { number: 3, documentIds: [6, 7, 5] },
      { number: 4, documentIds: [7] },
    ];
    expect([...documentsByItem(items)]).toEqual([
      [1, []],
      [2, [5, 6]],
      [3, [7]],
      [4, []],
    ]);
  });
});

describe('the rows a form changed', () => {
  const same = (value: string, was: string) => value === was;
  it.each([
    [[], []],
    [[{ value: 'agreed', was: 'agreed' }], []],
    [[{ value: 'agreed', was: '' }], ['agreed']],
    [[{ value: '', was: 'noted' }], ['']],
    [
      [
        { value: 'a', was: 'a' },
        { value: 'b', was: 'x' },
        { value: 'c', was: 'c' },
        { value: 'd', was: '' },
      ],
      ['b', 'd'],
    ],
  ])('%j → %j', (rows, changed) => {
    expect(changedRows(rows, same)).toEqual(changed);
  });
});
