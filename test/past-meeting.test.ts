import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $, text } from './support/dom.ts';
import { buildMeeting } from './support/factories.ts';
import { type Harness, startHarness } from './support/harness.ts';

describe('a past meeting looks past (issue 13)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('offers no contribution and promises no remote details once it has ended; an upcoming one does', async () => {
    const ahead = await buildMeeting(h.ctx, { startsIn: 20 });
    const ended = await buildMeeting(h.ctx, { startsIn: -10, deadlines: { registration: -20, visaSupport: -25, contributions: -15 } });
    const aheadPage = await h.app.inject({ url: `/meetings/${ahead.id}` });
    const endedPage = await h.app.inject({ url: `/meetings/${ended.id}` });
    expect($(aheadPage, `a[href="/meetings/${ahead.id}/documents/new"]`)).not.toBeNull();
    expect(text($(aheadPage, '#remote'))).toContain('Remote participation details are sent to registered participants.');
    expect(endedPage.statusCode).toBe(200);
    expect($(endedPage, `a[href="/meetings/${ended.id}/documents/new"]`)).toBeNull();
    expect($(endedPage, '#remote')).toBeNull();
  });
});

describe('the group page (issue 13)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('puts the upcoming meetings first, with their next deadline, then the mandate and officers, and the past ones after', async () => {
    const ahead = await buildMeeting(h.ctx, { startsIn: 30, title: { en: 'Meeting ahead' } });
    await buildMeeting(h.ctx, {
      group: ahead.group.code,
      startsIn: -40,
      title: { en: 'Meeting held' },
      deadlines: { registration: -50, visaSupport: -55, contributions: -45 },
    });
    const page = await h.app.inject({ url: `/groups/${ahead.group.code.toLowerCase()}` });
    expect(page.statusCode).toBe(200);
    const headings = [...page.body.matchAll(/<h2 id="([\w-]+)-h"/g)].map((m) => m[1]);
    expect(headings.indexOf('upcoming')).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf('upcoming')).toBeLessThan(headings.indexOf('mandate'));
    expect(headings.indexOf('officers')).toBeLessThan(headings.indexOf('past'));
    const upcoming = text($(page, 'section[aria-labelledby="upcoming-h"]'));
    expect(upcoming).toContain('Meeting ahead');
    expect(upcoming).toContain('Next deadline');
    expect(upcoming).not.toContain('Meeting held');
    expect(text($(page, 'section[aria-labelledby="past-h"]'))).toContain('Meeting held');
  });
});
