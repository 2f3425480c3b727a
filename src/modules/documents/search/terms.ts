/*
 * PostgreSQL's `simple` text-search configuration splits words at spaces and punctuation, so a
 * Chinese or Japanese sentence would become one giant "word". Indexing every CJK run as overlapping
 * bigrams (and querying them as a phrase) makes those languages searchable with nothing but core
 * PostgreSQL, identically on PGlite.
 */

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CJK_OR_OTHER_RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]+/gu;

// Longer "words" are base64, hashes and the like; PostgreSQL refuses lexemes over 2047 bytes anyway.
const MAX_WORD_LENGTH = 100;
// to_tsvector fails on a tsvector over 1 MB (lexemes plus positions); stop well before.
const TSVECTOR_BUDGET_BYTES = 900_000;
const MAX_POSITIONS_PER_LEXEME = 256;

type Token = { kind: 'word' | 'cjk'; text: string };

/** Words and CJK runs of the lowercased, NFKC-normalised text, punctuation dropped. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    for (const [run] of word.matchAll(CJK_OR_OTHER_RUN)) {
      if (CJK_CHAR.test(run)) tokens.push({ kind: 'cjk', text: run });
      // A lone combining mark (e.g. a variation selector after a Han character) is no word.
      else if (run.length <= MAX_WORD_LENGTH && LETTER_OR_DIGIT.test(run)) tokens.push({ kind: 'word', text: run });
    }
  }
  return tokens;
}

/** Overlapping character pairs; a single character stays as it is. */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((char, i) => chars[i] + char);
}

/**
 * Lowercased, NFKC-normalised index text: Latin/Cyrillic/Arabic/etc. words as they are; every run of
 * CJK (Han, Hiragana, Katakana, Hangul) characters turned into its overlapping bigrams separated by
 * spaces (a single CJK char stays a unigram). Punctuation removed. Feed to to_tsvector('simple', …).
 */
export function indexText(text: string): string {
  const lexemes: string[] = [];
  const occurrences = new Map<string, number>();
  let estimatedBytes = 0;
  for (const token of tokenize(text)) {
    for (const lexeme of token.kind === 'cjk' ? bigrams(token.text) : [token.text]) {
      const seen = occurrences.get(lexeme) ?? 0;
      if (seen === 0) estimatedBytes += Buffer.byteLength(lexeme) + 5;
      else if (seen < MAX_POSITIONS_PER_LEXEME) estimatedBytes += 2;
      if (estimatedBytes > TSVECTOR_BUDGET_BYTES) return lexemes.join(' ');
      occurrences.set(lexeme, seen + 1);
      lexemes.push(lexeme);
    }
  }
  return lexemes.join(' ');
}

/**
 * A to_tsquery('simple', …) string for the user's query: each word a prefix term (`word:*`), all
 * ANDed; a CJK run its bigrams as a phrase (`<->`), a single CJK char a prefix term. Only letters and
 * digits reach the result, so it is always a valid tsquery; null when nothing searchable remains.
 */
export function toTsQuery(query: string): string | null {
  const terms = new Set<string>();
  for (const token of tokenize(query)) {
    const isSingleChar = token.kind === 'cjk' && [...token.text].length === 1;
    terms.add(token.kind === 'word' || isSingleChar ? `${token.text}:*` : bigrams(token.text).join(' <-> '));
  }
  return terms.size > 0 ? [...terms].join(' & ') : null;
}

/** The parts of the query a reader would see highlighted: the words and the CJK runs. */
export function queryTerms(query: string): string[] {
  return [...new Set(tokenize(query).map((token) => token.text))];
}

type HighlightSegment = { text: string; hit: boolean };

const ELLIPSIS = '…';
// How far a cut may move to land between words rather than inside one.
const WORD_BOUNDARY_SLACK = 20;

/**
 * A snippet of `text` (about `length` chars, default 240) centred on the first match of any term
 * (case-insensitive), with ellipses when cut, split into segments to render safely (no HTML).
 */
export function highlight(text: string, terms: string[], length = 240): HighlightSegment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return [];
  const pattern = termPattern(terms);
  const first = pattern ? firstMatch(flat, pattern) : null;

  let start = 0;
  let end = Math.min(flat.length, length);
  if (first) {
    start = Math.max(0, first.index - Math.floor((length - first.length) / 2));
    end = Math.min(flat.length, Math.max(start + length, first.index + first.length));
    start = Math.max(0, Math.min(start, end - length));
    start = snapStart(flat, start, first.index);
    end = snapEnd(flat, end, first.index + first.length);
  } else {
    end = snapEnd(flat, end, 0);
  }

  const segments: HighlightSegment[] = [];
  if (start > 0) append(segments, ELLIPSIS, false);
  const snippet = flat.slice(start, end);
  let position = 0;
  if (pattern) {
    for (const match of snippet.matchAll(pattern)) {
      append(segments, snippet.slice(position, match.index), false);
      append(segments, match[0], true);
      position = match.index + match[0].length;
    }
  }
  append(segments, snippet.slice(position), false);
  if (end < flat.length) append(segments, ELLIPSIS, false);
  return segments;
}

function termPattern(terms: string[]): RegExp | null {
  const alternatives = [...new Set(terms.filter((term) => term !== ''))]
    .sort((a, b) => b.length - a.length)
    .map((term) => term.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'giu') : null;
}

function firstMatch(text: string, pattern: RegExp): { index: number; length: number } | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match ? { index: match.index, length: match[0].length } : null;
}

/**
 * Words as Unicode segments them (UAX #29, with dictionaries for scripts written without spaces: Chinese,
 * Japanese, Thai…), so a cut can fall between words in any language.
 */
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * Where words start and end near `at` (within `reach` either side). The text is segmented in a window a little
 * wider than that, and a window's own edges are not taken for boundaries unless they are the text's.
 */
function wordBoundariesNear(text: string, at: number, reach: number): { starts: number[]; ends: number[] } {
  const from = Math.max(0, at - reach - 32);
  const to = Math.min(text.length, at + reach + 32);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const segment of words.segment(text.slice(from, to))) {
    if (!segment.isWordLike) continue;
    const first = from + segment.index;
    const last = first + segment.segment.length;
    if (first > from || from === 0) starts.push(first);
    if (last < to || to === text.length) ends.push(last);
  }
  return { starts, ends };
}

/**
 * Moves a cut to where a word starts: forward when one is near (and not past `limit`, the first match), else back
 * a little; when the word is longer than that, off half a surrogate pair at least.
 */
function snapStart(text: string, start: number, limit: number): number {
  if (start === 0) return 0;
  const { starts } = wordBoundariesNear(text, start, WORD_BOUNDARY_SLACK);
  const ahead = starts.find((at) => at >= start && at <= limit && at - start <= WORD_BOUNDARY_SLACK);
  if (ahead !== undefined) return ahead;
  const behind = starts.findLast((at) => at < start && start - at <= WORD_BOUNDARY_SLACK);
  if (behind !== undefined) return behind;
  return isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start;
}

/** Moves a cut to where a word ends: back when one is near (and not before `limit`, the match's end), else forward a little. */
function snapEnd(text: string, end: number, limit: number): number {
  if (end >= text.length) return text.length;
  const { ends } = wordBoundariesNear(text, end, WORD_BOUNDARY_SLACK);
  const behind = ends.findLast((at) => at <= end && at >= limit && end - at <= WORD_BOUNDARY_SLACK);
  if (behind !== undefined) return behind;
  const ahead = ends.find((at) => at > end && at - end <= WORD_BOUNDARY_SLACK);
  if (ahead !== undefined) return ahead;
  return isLowSurrogate(text.charCodeAt(end)) ? end - 1 : end;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function append(segments: HighlightSegment[], text: string, hit: boolean): void {
  if (text === '') return;
  const last = segments.at(-1);
  if (last && last.hit === hit) last.text += text;
  else segments.push({ text, hit });
}
