import { describe, expect, it } from 'vitest';
import { venueText } from './venue.ts';

const geneva = {
  venueName: { en: 'ITU headquarters', zh: '国际电联总部' },
  venueCity: { en: 'Geneva', zh: '日内瓦', ar: 'جنيف', fr: 'Genève' },
  venueCountry: 'CH',
};

describe('venueText', () => {
  it.each([
    ['en', {}, 'ITU headquarters, Geneva, Switzerland'],
    ['fr', { named: false }, 'Genève, Suisse'],
    ['zh', {}, '国际电联总部，日内瓦，瑞士'],
    ['ar', { named: false }, 'جنيف، سويسرا'],
    // No Arabic name: the English one, then the Arabic city and country, with the Arabic comma.
    ['ar', {}, 'ITU headquarters، جنيف، سويسرا'],
  ] as const)('in %s %o: %s', (locale, options, expected) => {
    expect(venueText(geneva, locale, options)).toBe(expected);
  });

  it('leaves out what is not known', () => {
    expect(venueText({ venueName: {}, venueCity: {}, venueCountry: '' }, 'en')).toBe('');
    expect(venueText({ venueName: {}, venueCity: { en: 'Online' }, venueCountry: '' }, 'zh')).toBe('Online');
  });
});
