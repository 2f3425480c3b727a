/**
 * The one rule for text that comes from outside (forms, JSON, addresses, query strings, mail): it is
 * well-formed Unicode, carries no control characters — NUL, the rest of C0, DEL and C1 — except tab
 * and newline where a field allows lines (CR LF and a lone CR become LF there), is normalised to NFC,
 * and is bounded in length. Pure functions; the HTTP layer (http/input.ts) and the zod helpers
 * (validation.ts) both apply it.
 */

export type TextProblem = 'control' | 'invalid' | 'lines' | 'tooLong';

interface TextRule {
  /** Tab and newline allowed (a textarea); otherwise the text must fit on one line. */
  lines: boolean;
  /** In UTF-16 code units, after normalisation. */
  max: number;
}

type TextCheck = { ok: true; value: string } | { ok: false; problem: TextProblem };

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** Control characters the rule refuses everywhere: C0 but tab and LF, DEL, C1. */
const isRefusedControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);

/**
 * The text with every refused control character (C0 but tab and LF, DEL, C1) and every lone surrogate
 * replaced by `by` — for writing out text stored before the rule (calendar feeds) or showing a refused
 * value back (with U+FFFD).
 */
export function replaceRefused(s: string, by: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isRefusedControl(c) || isHigh(c) || isLow(c)) {
      out += s.slice(from, i) + by;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
    else if (isHigh(c) || isLow(c)) return true;
  }
  return false;
}

/** Checks one text against the rule and returns it normalised, or what is wrong with it. */
export function checkText(input: string, rule: TextRule): TextCheck {
  if (input.length > rule.max * 4) return { ok: false, problem: 'tooLong' }; // before any work on it
  if (hasLoneSurrogate(input)) return { ok: false, problem: 'invalid' };
  let value = rule.lines ? input.replace(/\r\n?/g, '\n') : input;
  let lineBreak = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (isRefusedControl(c)) return { ok: false, problem: 'control' };
    if (c === 0x09 || c === 0x0a) lineBreak = true;
  }
  if (lineBreak && !rule.lines) return { ok: false, problem: 'lines' };
  value = value.normalize('NFC');
  if (value.length > rule.max) return { ok: false, problem: 'tooLong' };
  return { ok: true, value };
}

/** The text with what the rule refuses made visible (U+FFFD), for showing a refused value back in its form. */
export const displayable = (input: string): string => replaceRefused(input.replace(/\r\n?/g, '\n'), '\ufffd');

export interface InputProblem {
  /** Path of the value: keys joined with "." ("venue.city", "items.0.title"); "" for the whole input. */
  field: string;
  problem: TextProblem | 'tooDeep';
}

interface CleanResult {
  value: unknown;
  /** The input as it can be shown back: every string through `displayable`. */
  display: unknown;
  problems: InputProblem[];
}

const MAX_DEPTH = 32;

/**
 * Applies the rule to every string of a parsed input (object keys included), normalising in a copy.
 * Non-string leaves pass unchanged: their type is the schema's business.
 */
export function cleanInput(input: unknown, rule: TextRule): CleanResult {
  const problems: InputProblem[] = [];
  const walk = (value: unknown, path: string[]): { value: unknown; display: unknown } => {
    if (typeof value === 'string') {
      const checked = checkText(value, rule);
      if (!checked.ok) {
        problems.push({ field: path.join('.'), problem: checked.problem });
        return { value, display: displayable(value) };
      }
      return { value: checked.value, display: checked.value };
    }
    if (value === null || typeof value !== 'object') return { value, display: value };
    if (path.length >= MAX_DEPTH) {
      problems.push({ field: path.join('.'), problem: 'tooDeep' });
      return { value, display: undefined };
    }
    if (Array.isArray(value)) {
      const out = value.map((v, i) => walk(v, [...path, String(i)]));
      return { value: out.map((o) => o.value), display: out.map((o) => o.display) };
    }
    const clean: Record<string, unknown> = {};
    const display: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const checkedKey = checkText(key, { lines: false, max: 200 });
      if (!checkedKey.ok) {
        problems.push({ field: [...path, displayable(key)].join('.'), problem: checkedKey.problem });
        continue;
      }
      const out = walk(v, [...path, checkedKey.value]);
      clean[checkedKey.value] = out.value;
      display[checkedKey.value] = out.display;
    }
    return { value: clean, display };
  };
  const out = walk(input, []);
  return { value: out.value, display: out.display, problems };
}

/**
 * Decodes one component of a URL or form body ("+" is a space) strictly: a malformed escape or escaped
 * bytes that are not UTF-8 give null, never a silent U+FFFD.
 */
function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * An application/x-www-form-urlencoded string (a body or a query) as fields — a repeated name gives an
 * array — or null when a name or value is not well-formed percent-encoded UTF-8.
 */
export function parseUrlEncoded(raw: string): Record<string, string | string[]> | null {
  const out: Record<string, string | string[]> = Object.create(null);
  if (raw === '') return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === null || value === null) return null;
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else out[key] = [previous, value];
  }
  return out;
}
