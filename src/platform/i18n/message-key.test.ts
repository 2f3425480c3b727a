import { describe, expect, it } from 'vitest';
import { errorMessageKey, isMessageKey } from './message-key.ts';

describe('isMessageKey', () => {
  it.each([
    ['error.required', true],
    ['registration.status.waitlisted', true],
    ['error.noSuchMessage', false],
    ['error.', false],
    ['toString', false],
    ['__proto__', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(isMessageKey(value)).toBe(expected);
  });
});

describe('errorMessageKey', () => {
  it.each([
    ['error.required', 'error.required'],
    ['error.choice', 'error.choice'],
    // A key of the catalogs that is no error message, a made-up one, Zod's own English: the generic message.
    ['registration.status.waitlisted', 'error.invalid'],
    ['error.noSuchMessage', 'error.invalid'],
    ['Invalid option: expected one of "a"|"b"', 'error.invalid'],
    [undefined, 'error.invalid'],
  ])('%j → %s', (value, expected) => {
    expect(errorMessageKey(value)).toBe(expected);
  });
});
