import { describe, expect, it } from 'vitest';
import { isOneOf } from './vocabulary.ts';

describe('isOneOf', () => {
  const modes = ['in-person', 'remote'] as const;
  it.each([
    ['in-person', true],
    ['remote', true],
    ['Remote', false],
    [' remote', false],
    ['', false],
    ['constructor', false],
    [undefined, false],
    [null, false],
    [1, false],
    [['remote'], false],
  ])('%j → %s', (value, expected) => {
    expect(isOneOf(modes, value)).toBe(expected);
  });

  it('takes the empty string when the vocabulary has it', () => {
    expect(isOneOf(['', 'Dr'], '')).toBe(true);
  });
});
