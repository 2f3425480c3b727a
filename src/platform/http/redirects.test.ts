import { describe, expect, it } from 'vitest';
import { safeNext } from './redirects.ts';

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
