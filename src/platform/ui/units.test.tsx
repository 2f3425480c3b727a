import fs from 'node:fs';
import path from 'node:path';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/index.ts';
import { DateRangeText, DateText } from './units.tsx';

describe('units that do not break across lines', () => {
  it.each<[Locale, string, string]>([
    ['ru', '2027-01-07', '<time datetime="2027-01-07">7 января 2027 г.</time>'],
    ['zh', '2027-01-07', '<time datetime="2027-01-07">2027年1月7日</time>'],
    ['ar', '2027-01-07', '<time datetime="2027-01-07">7 يناير 2027</time>'],
    ['en', '2027-01-07', '<time datetime="2027-01-07">7 January 2027</time>'],
  ])('a date in %s', (locale, date, html) => {
    expect(renderToString(h(DateText, { ctx: { locale }, date }))).toBe(html);
  });

  it.each<[Locale, string, string, RegExp]>([
    ['en', '2023-05-09', '2023-05-10', /^<span class="nowrap">9\s?–\s?10 May 2023<\/span>$/],
    ['zh', '2023-05-09', '2023-05-10', /^<span class="nowrap">2023年5月9日至10日<\/span>$/],
  ])('a range in %s', (locale, start, end, html) => {
    expect(renderToString(h(DateRangeText, { ctx: { locale }, start, end }))).toMatch(html);
  });

  it('the stylesheet keeps time, .nowrap and .doc-number on one line', () => {
    const css = fs.readFileSync(path.join(import.meta.dirname, '../../../public/app.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const rule = /([^{}]+)\{([^}]*)\}/g;
    const selectors = [...css.matchAll(rule)]
      .filter((m) => /white-space:\s*nowrap/.test(m[2]!))
      .flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
    expect(selectors).toEqual(expect.arrayContaining(['time', '.nowrap', '.doc-number']));
  });
});
