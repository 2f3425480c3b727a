import { describe, expect, it } from 'vitest';
import { landingPath, safeNext, withNext } from './redirects.ts';

describe('safeNext accepts only local paths', () => {
  it.each([
    ['/groups/fg-mv?lang=zh', '/groups/fg-mv?lang=zh'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/ok\nSet-Cookie: x', '/'],
    [undefined, '/'],
    [42, '/'],
    ['/groups/日本?q=a b', '/groups/%E6%97%A5%E6%9C%AC?q=a%20b'],
    ['/search?q=caf%C3%A9', '/search?q=caf%C3%A9'],
    ['/x\u0085y', '/'],
    ['/x\ud800', '/'],
  ])('%j → %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});

describe('landingPath never leads to another login or sign-up page', () => {
  it.each([
    ['/meetings/1', '/meetings/1'],
    ['/login?next=/login?next=/x', '/x'],
    ['/login?next=%2Flogin%3Fnext%3D%252Fx', '/x'],
    ['/signup?next=/login?next=/groups%3Flang%3Dzh', '/groups?lang=zh'],
    ['/login/two-factor', '/'],
    ['/account/verify?token=abc&next=/groups', '/groups'],
    ['/account/reset?token=abc', '/'],
    ['/login', '/'],
    ['/login?next=//evil.example', '/'],
    ['/login?next=https://evil.example', '/'],
    ['/signup?next=/%5Cevil.example', '/'],
    ['/login?next=/\\evil.example', '/'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil', '/'],
    [`${'/login?next='.repeat(20)}/x`, '/'],
  ])('%j → %s', (input, expected) => {
    expect(landingPath(input)).toBe(expected);
  });

  it('links to the login form with one level of next', () => {
    expect(withNext('/login', '/login?next=%2Fmeetings%2F1')).toBe('/login?next=%2Fmeetings%2F1');
    expect(withNext('/signup', '/groups?lang=ar')).toBe('/signup?next=%2Fgroups%3Flang%3Dar');
  });
});
