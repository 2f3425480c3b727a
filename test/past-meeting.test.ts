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
