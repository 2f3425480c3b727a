import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $, $$, text } from './support/dom.ts';
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
