import { describe, expect, it } from 'vitest';
import { canReadDocuments, documentNumber, documentPrefix, revisionLabel, submissionTiming, submittableTypes } from './rules.ts';

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

describe('submission timing', () => {
  const closesAt = new Date('2023-05-02T22:00:00Z'); // end of 2 May in Geneva
  it.each([
    ['2023-05-02T21:59:59Z', 'refuse', false, 'on-time'],
    ['2023-05-02T22:00:00Z', 'refuse', false, 'refused'],
    ['2023-05-02T22:00:00Z', 'flag', false, 'late'],
    ['2023-05-03T09:00:00Z', 'refuse', true, 'late'],
    ['2023-05-01T09:00:00Z', 'flag', true, 'on-time'],
  ] as const)('at %s with policy %s (staff %s) → %s', (now, policy, staff, expected) => {
    expect(submissionTiming(new Date(now), closesAt, policy, staff)).toBe(expected);
  });

  it('lets participants submit contributions only, staff every type', () => {
    expect(submittableTypes(false)).toEqual(['I']);
    expect(submittableTypes(true)).toEqual(['I', 'TD', 'O']);
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
