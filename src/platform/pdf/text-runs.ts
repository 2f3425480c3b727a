export type Script = 'latin' | 'cjk' | 'arabic';

export interface ScriptRun {
  script: Script;
  text: string;
}

const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\u30a0-\u30ff\ufe30-\ufe4f\uff00-\uffef]/u;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;

/** The script of a character that decides its run, or undefined for neutrals (spaces, digits, punctuation, symbols). */
function scriptOf(ch: string): Script | undefined {
  if (CJK.test(ch)) return 'cjk';
  if (ARABIC.test(ch)) return 'arabic';
  if (LETTER.test(ch)) return 'latin';
  return undefined;
}

/**
 * Splits text into runs that each need one font. Neutral characters join a CJK or Arabic run only when that
 * script is on both sides; otherwise they are Latin, so spaces and brackets around an Arabic name are laid out
 * left to right rather than inside the reversed right-to-left run.
 */
export function splitScriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  const append = (script: Script, s: string) => {
    if (!s) return;
    const last = runs.at(-1);
    if (last?.script === script) last.text += s;
    else runs.push({ script, text: s });
  };
  let pending = '';
  let previous: Script | undefined;
  for (const ch of text) {
    // A combining mark belongs to the letter it follows.
    const script = scriptOf(ch) ?? (MARK.test(ch) && !pending ? previous : undefined);
    if (!script) {
      pending += ch;
      continue;
    }
    append(script === previous ? script : 'latin', pending);
    pending = '';
    append(script, ch);
    previous = script;
  }
  append('latin', pending);
  return runs;
}
