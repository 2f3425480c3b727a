import { describe, expect, it } from 'vitest';
import { type ScriptRun, splitScriptRuns } from './text-runs.ts';

const latin = (text: string): ScriptRun => ({ script: 'latin', text });
const cjk = (text: string): ScriptRun => ({ script: 'cjk', text });
const arabic = (text: string): ScriptRun => ({ script: 'arabic', text });

describe('splitScriptRuns', () => {
  it.each<[string, ScriptRun[]]>([
    ['', []],
    ['Zoë Ångström-Núñez', [latin('Zoë Ångström-Núñez')]],
    ['Zoe\u0308 (decomposed)', [latin('Zoe\u0308 (decomposed)')]],
    ['Ελληνικά, Кириллица', [latin('Ελληνικά, Кириллица')]],
    ['123 - 456', [latin('123 - 456')]],
    ['王蕴韬 (Wang Yuntao)', [cjk('王蕴韬'), latin(' (Wang Yuntao)')]],
    ['Name: 王蕴韬', [latin('Name: '), cjk('王蕴韬')]],
    ['第5工作组会议', [cjk('第5工作组会议')]],
    ['「東京」、ひらがな カタカナ ー 한국어', [cjk('「東京」、ひらがな カタカナ ー 한국어')]],
    ['ＡＢＣ１２３', [cjk('ＡＢＣ１２３')]],
    ['محمد عبد الله', [arabic('محمد عبد الله')]],
    ['ﻣﺤﻤﺪ', [arabic('ﻣﺤﻤﺪ')]],
    ['Mr محمد عبد الله, Egypt', [latin('Mr '), arabic('محمد عبد الله'), latin(', Egypt')]],
    ['(محمد)', [latin('('), arabic('محمد'), latin(')')]],
    ['王 محمد', [cjk('王'), latin(' '), arabic('محمد')]],
    ['  Wang 王', [latin('  Wang '), cjk('王')]],
  ])('%j', (text, expected) => {
    const runs = splitScriptRuns(text);
    expect(runs).toEqual(expected);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });
});
