import { describe, expect, it } from 'vitest';
import { mailRequestVerdict, mayDisableTwoFactor, mayTryLogin, windowStart } from './policy.ts';

describe('login limit', () => {
  it.each([
    [0, 0, true],
    [4, 0, true],
    [5, 0, false],
    [0, 29, true],
    [0, 30, false],
    [4, 29, true],
    [9, 40, false],
  ])('%i failures for the address, %i for the client → may try: %s', (byAddress, byClient, expected) => {
    expect(mayTryLogin({ byAddress, byClient })).toBe(expected);
  });
});

describe('mailed-link throttle', () => {
  it.each([
    [1, 1, 'send'],
    [3, 20, 'send'],
    [4, 1, 'quiet'],
    [40, 5, 'quiet'],
    [1, 21, 'refuse'],
    [9, 21, 'refuse'],
  ] as const)('request %i for the address, %i for the client → %s', (address, client, expected) => {
    expect(mailRequestVerdict({ address, client })).toBe(expected);
  });

  it.each([
    ['2023-04-06T08:00:00.000Z', '2023-04-06T08:00:00.000Z'],
    ['2023-04-06T08:59:59.999Z', '2023-04-06T08:00:00.000Z'],
    ['2023-04-06T09:00:00.000Z', '2023-04-06T09:00:00.000Z'],
  ])('an hour window: %s falls in the one starting %s', (at, start) => {
    expect(windowStart(new Date(at), 3_600_000).toISOString()).toBe(start);
  });
});

describe('two-factor rules', () => {
  it.each([
    ['participant', true],
    ['secretariat', false],
  ] as const)('a %s may turn it off: %s', (role, expected) => {
    expect(mayDisableTwoFactor(role)).toBe(expected);
  });
});
