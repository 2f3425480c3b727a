import { describe, expect, it } from 'vitest';
import { visualRunsRtl } from './typeset.ts';

describe('visualRunsRtl', () => {
  it('places Arabic, numbers and Latin names right to left, each keeping its own order', () => {
    // Logical: "the meeting" 21 "April" 2023 → read from the right: الاجتماع 21 أبريل 2023
    const runs = visualRunsRtl('الاجتماع 21 أبريل 2023');
    expect(runs.map((r) => r.text.trim()).filter(Boolean)).toEqual(['2023', 'أبريل', '21', 'الاجتماع']);
    expect(runs.filter((r) => r.arabic).map((r) => r.text)).toEqual(['أبريل', 'الاجتماع']);
  });

  it('keeps the spaces between Arabic words inside one shaped run', () => {
    expect(visualRunsRtl('فريق العمل')).toEqual([{ text: 'فريق العمل', arabic: true }]);
  });

  it('mirrors brackets placed right to left and leaves a line without Arabic as it is', () => {
    const runs = visualRunsRtl('(السيد) ETRI');
    expect(runs.map((r) => r.text)).toEqual(['ETRI', ' (', 'السيد', ')']);
    expect(visualRunsRtl('+41 22 730 6301')).toEqual([{ text: '+41 22 730 6301', arabic: false }]);
    expect(visualRunsRtl('')).toEqual([]);
  });
});
