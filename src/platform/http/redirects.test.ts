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
  ])('%j → %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});
