import { describe, expect, it } from 'vitest';
import { checkText, cleanInput, displayable, parseUrlEncoded, replaceRefused } from './input.ts';

const line = { lines: false, max: 100 };
const lines = { lines: true, max: 100 };

describe('the input rule', () => {
  it.each([
    ['plain', line, 'Geneva', { ok: true, value: 'Geneva' }],
    ['Chinese and Arabic', line, '元宇宙 جنيف', { ok: true, value: '元宇宙 جنيف' }],
    ['decomposed é becomes NFC', line, 'Cafe\u0301', { ok: true, value: 'Café' }],
    ['a pair of surrogates (emoji)', line, 'ok 👍', { ok: true, value: 'ok 👍' }],
    ['RTL override is text, not a control', line, 'abc\u202Etxt', { ok: true, value: 'abc\u202Etxt' }],
    ['NUL', line, 'a\u0000b', { ok: false, problem: 'control' }],
    ['BEL', lines, 'a\u0007b', { ok: false, problem: 'control' }],
    ['ESC', lines, '\u001b[31m', { ok: false, problem: 'control' }],
    ['DEL', line, 'a\u007f', { ok: false, problem: 'control' }],
    ['C1 NEL', lines, 'a\u0085b', { ok: false, problem: 'control' }],
    ['C1 CSI', line, '\u009b', { ok: false, problem: 'control' }],
    ['lone high surrogate', line, 'x\ud800', { ok: false, problem: 'invalid' }],
    ['lone low surrogate', lines, '\udfffx', { ok: false, problem: 'invalid' }],
    ['newline on one line', line, 'a\nb', { ok: false, problem: 'lines' }],
    ['tab on one line', line, 'a\tb', { ok: false, problem: 'lines' }],
    ['bare CR on one line', line, 'a\rb', { ok: false, problem: 'control' }],
    ['lines: tab and newline kept', lines, 'a\tb\nc', { ok: true, value: 'a\tb\nc' }],
    ['lines: CR LF and lone CR become LF', lines, 'a\r\nb\rc', { ok: true, value: 'a\nb\nc' }],
    ['too long', line, 'x'.repeat(101), { ok: false, problem: 'tooLong' }],
    ['far too long is refused before any scan', line, 'x'.repeat(1 << 20), { ok: false, problem: 'tooLong' }],
    ['exactly the bound', line, 'x'.repeat(100), { ok: true, value: 'x'.repeat(100) }],
  ])('%s', (_name, rule, input, expected) => {
    expect(checkText(input, rule)).toEqual(expected);
  });

  it('walks parsed input: nested strings and keys checked, normalised in a copy, other types left to the schema', () => {
    const input = {
      title: 'Cafe\u0301',
      venue: { city: 'Gen\u0000eva' },
      items: ['ok', 'b\u0007'],
      n: 1,
      flag: true,
      nil: null,
      'k\u0000': 'v',
    };
    const result = cleanInput(input, lines);
    expect(result.problems).toEqual([
      { field: 'venue.city', problem: 'control' },
      { field: 'items.1', problem: 'control' },
      { field: 'k\ufffd', problem: 'control' },
    ]);
    expect(result.value).toMatchObject({ title: 'Café', n: 1, flag: true, nil: null });
    expect(result.display).toMatchObject({ venue: { city: 'Gen\ufffdeva' }, items: ['ok', 'b\ufffd'] });
    expect(input.title).toBe('Cafe\u0301');
  });

  it('refuses input nested deeper than any form or API needs', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(cleanInput(deep, lines).problems).toEqual([{ field: Array(32).fill('0').join('.'), problem: 'tooDeep' }]);
  });

  it('shows refused characters as U+FFFD and drops them for output', () => {
    expect(displayable('a\u0000b\r\nc\ud800')).toBe('a\ufffdb\nc\ufffd');
    expect(replaceRefused('WG5\u0007 \u0085ok 👍\udc00', '')).toBe('WG5 ok 👍');
    expect(replaceRefused('plain', '')).toBe('plain');
  });

  it.each([
    ['a=1&b=2', { a: '1', b: '2' }],
    ['q=caf%C3%A9+cr%C3%A8me', { q: 'café crème' }],
    ['wg=WG5&wg=WG6&wg=WG7', { wg: ['WG5', 'WG6', 'WG7'] }],
    ['flag&=x&&', { flag: '', '': 'x' }],
    ['', {}],
    ['q=%C3%28', null],
    ['q=%E0%A4%A', null],
    ['q=%FF', null],
    ['%ZZ=1', null],
    ['q=%ED%A0%80', null],
  ])('parses %j strictly', (raw, expected) => {
    const parsed = parseUrlEncoded(raw);
    expect(parsed === null ? null : { ...parsed }).toEqual(expected);
  });
});
