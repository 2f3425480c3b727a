import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlight, indexText, queryTerms, toTsQuery } from './terms.ts';

describe('indexText', () => {
  it.each([
    ['元宇宙焦点组 Metaverse!', '元宇 宇宙 宙焦 焦点 点组 metaverse'],
    ['Digital Twins, 2024-05.', 'digital twins 2024 05'],
    ['iPhone手机', 'iphone 手机'],
    ['我 是', '我 是'],
    ['東京タワー', '東京 京タ タワ ワー'],
    ['ﾃﾞｰﾀ', 'デー ータ'],
    ['한국어 검색', '한국 국어 검색'],
    ['Привет, мир', 'привет мир'],
    ['ＡＢＣ①', 'abc1'],
    ['   ', ''],
    ['¿¡…—', ''],
  ])('%j → %j', (text, expected) => {
    expect(indexText(text)).toBe(expected);
  });

  it('leaves out words too long to be anyone’s search term', () => {
    expect(indexText(`short ${'x'.repeat(101)} end`)).toBe('short end');
  });
});

describe('toTsQuery', () => {
  it.each([
    ['元宇宙 digital twin', '元宇 <-> 宇宙 & digital:* & twin:*'],
    ['孪生', '孪生'],
    ['元', '元:*'],
    ["'); DROP", 'drop:*'],
    ['a & b | !c <-> (d):*', 'a:* & b:* & c:* & d:*'],
    ['Twin twin', 'twin:*'],
    ['', null],
    ['!!! ... ', null],
    ["'", null],
  ])('%j → %j', (query, expected) => {
    expect(toTsQuery(query)).toBe(expected);
  });
});

describe('queryTerms', () => {
  it.each([
    ['iPhone手机 "Digital twin"', ['iphone', '手机', 'digital', 'twin']],
    ['twin Twin', ['twin']],
    ['?!', []],
  ])('%j → %j', (query, expected) => {
    expect(queryTerms(query)).toEqual(expected);
  });
});

describe('highlight', () => {
  const filler = (word: string) => `${word} `.repeat(40);

  it('marks every occurrence of every term within the snippet, case-insensitively', () => {
    const text = `${filler('lorem')}the Digital twin of a digital city ${filler('ipsum')}`;
    const segments = highlight(text, ['digital', 'twin'], 80);
    expect(segments.filter((segment) => segment.hit).map((segment) => segment.text)).toEqual(['Digital', 'twin', 'digital']);
  });

  it('centres the snippet on the first match and marks cuts with ellipses', () => {
    const text = `${filler('lorem')}the digital twin ${filler('ipsum')}`;
    const snippet = highlight(text, ['twin'], 80)
      .map((segment) => segment.text)
      .join('');
    expect(snippet.startsWith('…lorem')).toBe(true);
    expect(snippet.endsWith('ipsum…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(82);
    const middle = snippet.indexOf('twin') / snippet.length;
    expect(middle).toBeGreaterThan(0.3);
    expect(middle).toBeLessThan(0.7);
  });

  it('cuts between words', () => {
    const text = `${filler('lorem')}twin ${filler('ipsum')}`;
    const snippet = highlight(text, ['twin'], 60)
      .map((segment) => segment.text)
      .join('');
    expect(snippet).toMatch(/^…(lorem )+twin( ipsum)+…$/);
  });

  it('keeps a word the cut falls just before', () => {
    const text = `${'abcd '.repeat(20)}twin ${'efgh '.repeat(20)}`;
    expect(highlight(text, ['twin'], 44)).toEqual([
      { text: '…abcd abcd abcd abcd ', hit: false },
      { text: 'twin', hit: true },
      { text: ' efgh efgh efgh efgh…', hit: false },
    ]);
  });

  /** Where in `text` the snippet starts and ends, and whether a word starts and ends there (by the full text's segmentation). */
  function cuts(text: string, terms: string[], length: number) {
    const snippet = highlight(text, terms, length)
      .map((segment) => segment.text)
      .join('');
    const body = snippet.replace(/^…/, '').replace(/…$/, '');
    const start = text.indexOf(body);
    const end = start + body.length;
    const wordStarts = new Set<number>();
    const wordEnds = new Set<number>();
    for (const w of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
      if (!w.isWordLike) continue;
      wordStarts.add(w.index);
      wordEnds.add(w.index + w.segment.length);
    }
    return { snippet, body, start, end, onWords: wordStarts.has(start) && wordEnds.has(end) };
  }

  it.each([
    ['long words', `${'internationalisation '.repeat(12)}twin ${'standardisation, '.repeat(12)}`, 'twin'],
    ['punctuation round words', `${'(digital) '.repeat(30)}twin ${'"city", '.repeat(30)}`, 'twin'],
    ['Arabic', `${'التوأم الرقمي للمدينة '.repeat(12)}الميتافيرس ${'والمعايير الدولية '.repeat(12)}`, 'الميتافيرس'],
    ['Chinese, written without spaces', `${'数字孪生和元宇宙的互操作性'.repeat(12)}触觉${'标准化组织的工作'.repeat(12)}`, '触觉'],
    ['Thai, written without spaces', `${'สวัสดีครับยินดีต้อนรับ'.repeat(8)}เมตาเวิร์ส${'มาตรฐานสากล'.repeat(8)}`, 'เมตาเวิร์ส'],
  ])('starts and ends on words, with ellipses, in %s', (_what, text, term) => {
    for (const length of [40, 53, 80]) {
      const cut = cuts(text, [term], length);
      expect(cut.start, cut.snippet).toBeGreaterThan(0);
      expect(cut.onWords, cut.snippet).toBe(true);
      expect(cut.snippet.startsWith('…') && cut.snippet.endsWith('…'), cut.snippet).toBe(true);
      expect(cut.body).toContain(term);
    }
  });

  it('shows the whole text without ellipses when it is short', () => {
    expect(highlight('数字孪生和元宇宙', ['元宇宙'])).toEqual([
      { text: '数字孪生和', hit: false },
      { text: '元宇宙', hit: true },
    ]);
  });

  it('shows the beginning when no term occurs', () => {
    expect(highlight(`${filler('lorem')}`, ['twin'], 20)).toEqual([{ text: 'lorem lorem lorem…', hit: false }]);
  });

  it('treats terms as text, not patterns', () => {
    expect(highlight('a.b axb', ['a.b'])).toEqual([
      { text: 'a.b', hit: true },
      { text: ' axb', hit: false },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(highlight('  ', ['x'])).toEqual([]);
  });
});

describe('searching in PostgreSQL with the simple configuration', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db.close();
  });

  async function matches(document: string, query: string): Promise<boolean> {
    const tsQuery = toTsQuery(query);
    if (tsQuery === null) throw new Error(`nothing searchable in ${query}`);
    const result = await db.query<{ match: boolean }>(`SELECT to_tsvector('simple', $1) @@ to_tsquery('simple', $2) AS match`, [
      indexText(document),
      tsQuery,
    ]);
    return result.rows[0]!.match;
  }

  it.each([
    ['数字孪生和元宇宙', '元宇宙', true],
    ['数字孪生和元宇宙', '孪生', true],
    ['数字孪生和元宇宙', '数', true],
    ['数字孪生和元宇宙', '宇孪', false],
    ['数字孪生和元宇宙', '宇宙元', false],
    ['宇宙元宇', '元宇宙', false],
    ['The Digital Twin network', 'digi twin', true],
    ['The Digital Twin network', 'digital metaverse', false],
    ['元宇宙焦点组 Metaverse!', 'metaverse 焦点', true],
    ['東京タワーのデータ', 'ﾃﾞｰﾀ', true],
    ['한국어 검색 엔진', '검색', true],
    ['Robert; DROP TABLE', "'); DROP", true],
  ])('%j searched for %j → %s', async (document, query, expected) => {
    expect(await matches(document, query)).toBe(expected);
  });

  it('accepts every generated query', async () => {
    for (const query of ["'); DROP", 'a & b | !c <-> (d):*', '"x" \\ y', '元 & 宇', '::*']) {
      const tsQuery = toTsQuery(query);
      if (tsQuery === null) continue;
      await expect(db.query(`SELECT to_tsquery('simple', $1)`, [tsQuery])).resolves.toBeDefined();
    }
  });

  it('indexes a very large CJK text without exceeding the tsvector limit', async () => {
    const result = await db.query<{ lexemes: number }>(`SELECT length(to_tsvector('simple', $1)) AS lexemes`, [
      indexText(randomHanText(400_000)),
    ]);
    expect(result.rows[0]!.lexemes).toBeGreaterThan(50_000);
  });
});

/** Han characters in a pseudo-random order, so that nearly every bigram is distinct: the worst case for a tsvector's size. */
function randomHanText(length: number): string {
  let seed = 42;
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    chars.push(String.fromCodePoint(0x4e00 + ((seed >>> 0) % 20_000)));
  }
  return chars.join('');
}
