import { describe, expect, it } from 'vitest';
import { checkVisaDates, isVisaEligibleCategory, threeMonthsAfter } from './rules.ts';

describe('visa eligibility by membership category', () => {
  it.each([
    ['member-state', true],
    ['sector-member', true],
    ['associate', true],
    ['academia', true],
    ['non-member', false],
    ['', false],
  ])('%s → %s', (category, eligible) => {
    expect(isVisaEligibleCategory(category)).toBe(eligible);
  });
});

describe('visa dates', () => {
  const meeting = { firstDay: '2023-05-09', lastDay: '2023-05-10' };
  const ok = {
    dateOfBirth: '1980-02-03',
    passportIssuedOn: '2020-01-15',
    passportExpiresOn: '2030-01-14',
    arrivalDate: '2023-05-08',
    departureDate: '2023-05-11',
  };
  it.each([
    ['coherent', {}, []],
    ['expires 3 months after departure exactly', { passportExpiresOn: '2023-08-11' }, []],
    ['expires one day too early', { passportExpiresOn: '2023-08-10' }, ['passportExpiresOn:error.passportValidity']],
    [
      'issued after it expires',
      { passportIssuedOn: '2031-01-01' },
      ['passportIssuedOn:error.issuedInFuture', 'passportExpiresOn:error.dateOrder'],
    ],
    ['issued before birth', { dateOfBirth: '2021-01-01' }, ['passportIssuedOn:error.dateOrder']],
    ['departs before arriving', { departureDate: '2023-05-07' }, ['departureDate:error.dateOrder']],
    ['stay misses the meeting', { arrivalDate: '2023-06-01', departureDate: '2023-06-03' }, ['arrivalDate:error.staySpan']],
  ])('%s', (_name, change, expected) => {
    const problems = checkVisaDates({ ...ok, ...change }, meeting, '2023-04-06').map((p) => `${p.field}:${p.message}`);
    expect(problems).toEqual(expected);
  });

  it.each([
    ['2023-05-11', '2023-08-11'],
    ['2023-11-30', '2024-02-29'],
    ['2023-11-30', '2024-02-29'],
    ['2022-11-30', '2023-02-28'],
    ['2023-10-31', '2024-01-31'],
  ])('three months after %s is %s', (d, expected) => {
    expect(threeMonthsAfter(d)).toBe(expected);
  });
});
