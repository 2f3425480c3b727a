import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { LinkedText } from './text.tsx';

const links = (text: string, mail = true) =>
  [...renderToString(h(LinkedText, { text, mail })).matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

describe('LinkedText', () => {
  it.each([
    [
      'English sentence',
      'Register at https://convene.test/meetings/1/register.',
      [['https://convene.test/meetings/1/register', 'https://convene.test/meetings/1/register']],
    ],
    [
      'Chinese, no spaces',
      '请通过https://convene.test/meetings/1/register进行网上注册。',
      [['https://convene.test/meetings/1/register', 'https://convene.test/meetings/1/register']],
    ],
    ['Chinese full stop after a mail', '联系tsbfgmv@itu.int。', [['mailto:tsbfgmv@itu.int', 'tsbfgmv@itu.int']]],
    ['Japanese', '詳細はhttps://convene.test/a?b=1をご覧ください', [['https://convene.test/a?b=1', 'https://convene.test/a?b=1']]],
    ['Arabic comma', 'انظر https://convene.test/x، ثم', [['https://convene.test/x', 'https://convene.test/x']]],
    ['Russian, in brackets', 'по адресу (https://convene.test/x).', [['https://convene.test/x', 'https://convene.test/x']]],
    [
      'a bracket the address opened stays',
      'see https://en.wikipedia.org/wiki/Focus_(group) now',
      [['https://en.wikipedia.org/wiki/Focus_(group)', 'https://en.wikipedia.org/wiki/Focus_(group)']],
    ],
    ['French spaces before punctuation', 'Écrivez à tsbfgmv@itu.int : merci', [['mailto:tsbfgmv@itu.int', 'tsbfgmv@itu.int']]],
    ['no other scheme', 'javascript:alert(1) ftp://x.example', []],
  ])('%s', (_name, text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  it('leaves e-mail addresses as text unless asked, and escapes everything', () => {
    expect(links('write to a@b.example', false)).toEqual([]);
    const html = renderToString(h(LinkedText, { text: 'https://x.example/?a=<b>&c="d"' }));
    expect(html).not.toContain('<b>');
    expect(html).toContain('href="https://x.example/?a="');
  });
});
