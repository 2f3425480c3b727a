import { describe, expect, it } from 'vitest';
import { canReadDocuments, documentNumber, documentPrefix, revisionLabel, submissionOutcome, submittableTypes } from './rules.ts';

describe('document numbers', () => {
  it.each([
    ['FGMV', 'I', 1, 'FGMV-I-001'],
    ['FGMV', 'TD', 42, 'FGMV-TD-042'],
    ['FGMV', 'O', 999, 'FGMV-O-999'],
    ['FGMV', 'I', 1000, 'FGMV-I-1000'],
    ['SG17', 'I', 12345, 'SG17-I-12345'],
  ] as const)('%s %s %i → %s', (prefix, type, seq, expected) => {
    expect(documentNumber(prefix, type, seq)).toBe(expected);
  });

  it.each([
    [{ documentPrefix: 'FGMV', code: 'FG-MV' }, 'FGMV'],
    [{ documentPrefix: '', code: 'FG-MV' }, 'FGMV'],
    [{ documentPrefix: '', code: 'sg 17' }, 'SG17'],
  ])('prefix of %o is %s', (group, expected) => {
    expect(documentPrefix(group)).toBe(expected);
  });

  it.each([
    [0, ''],
    [1, 'Rev.1'],
    [12, 'Rev.12'],
  ])('revision %i is labelled "%s"', (n, label) => {
    expect(revisionLabel(n)).toBe(label);
  });
});

describe('submission outcome', () => {
  it.each([
    ['translation', 'refuse', false, { fate: 'accept', deadlineClass: 'translation' }],
    ['normal', 'hold-over', false, { fate: 'accept', deadlineClass: 'normal' }],
    ['late', 'refuse', false, { fate: 'accept', deadlineClass: 'late' }],
    ['too-late', 'refuse', false, { fate: 'refuse' }],
    ['too-late', 'hold-over', false, { fate: 'hold-over', deadlineClass: 'too-late' }],
    ['too-late', 'refuse', true, { fate: 'accept', deadlineClass: 'late' }],
    ['too-late', 'hold-over', true, { fate: 'accept', deadlineClass: 'late' }],
  ] as const)('class %s, too-late policy %s (staff %s) → %o', (cls, tooLate, staff, expected) => {
    expect(submissionOutcome(cls, tooLate, staff)).toEqual(expected);
  });

  it('lets participants submit contributions only, staff every type', () => {
    expect(submittableTypes(false)).toEqual(['I']);
    // LS: the text of a liaison statement, submitted by staff and then registered as one (see liaisons).
    expect(submittableTypes(true)).toEqual(['I', 'TD', 'O', 'LS']);
  });

  it.each([
    ['public', false, true],
    ['public', true, true],
    ['signed-in', false, false],
    ['signed-in', true, true],
  ] as const)('access %s, signed in %s → may read %s', (access, signedIn, expected) => {
    expect(canReadDocuments(access, signedIn)).toBe(expected);
  });
});
