import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $, $$, type Element, text } from './support/dom.ts';
import { type Harness, startHarness } from './support/harness.ts';

describe('the design page (issue 13)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('shows every component, once left to right and once right to left', async () => {
    const res = await h.app.inject({ url: '/design?lang=fr' });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(text($(html, 'h1'))).toBe('Système de conception');
    const [ltr, rtl] = $$(html, '.design-pair > section');
    expect(ltr?.getAttribute('dir')).toBe('ltr');
    expect(rtl?.getAttribute('dir')).toBe('rtl');
    expect(rtl?.getAttribute('lang')).toBe('ar');
    for (const side of [ltr!, rtl!]) {
      for (const selector of [
        '.breadcrumb',
        '.page-header',
        '.tabs',
        '.stat',
        '.badge-success',
        '.alert-danger',
        '.steps',
        '.filter-bar',
        '.table-region table.stack',
        '.card',
        '.empty-state',
        'button.danger',
      ]) {
        expect(side.querySelector(selector), selector).not.toBeNull();
      }
    }
    // Translatable data: plain in the section's language, marked (and isolated across directions) when it fell back.
    const samples = (side: Element) => [...side.querySelectorAll('.localized-samples li')].map((li) => li.innerHTML);
    expect(samples(ltr!).slice(0, 3)).toEqual([
      'Collaboration',
      'Meetings of FG-MV Working Groups 1 and 2 (demo)',
      '<bdi lang="ar">الفريق المتخصص المعني بالميتافيرس</bdi>',
    ]);
    expect(samples(rtl!).slice(0, 3)).toEqual([
      'التعاون',
      '<bdi lang="en">Meetings of FG-MV Working Groups 1 and 2 (demo)</bdi>',
      'الفريق المتخصص المعني بالميتافيرس',
    ]);
    expect(samples(rtl!)[3]).toContain('<time datetime="2027-01-07">7 يناير 2027</time>');
    expect(html).not.toMatch(/\{[a-z]+\}/);
  });

  it('serves the favicon the layout links to', async () => {
    const page = await h.app.inject({ url: '/design' });
    expect($(page.body, 'link[rel="icon"]')?.getAttribute('href')).toBe('/static/favicon.svg');
    const icon = await h.app.inject({ url: '/static/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect(icon.body).toContain('<svg');
  });
});
