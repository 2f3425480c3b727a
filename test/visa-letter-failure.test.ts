import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/service.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { visaJson } from './support/fixtures.ts';
import { type Harness, makeUser, startHarness } from './support/harness.ts';

// A server without the fonts: rendering fails the way resolveFonts fails.
vi.mock('../src/platform/pdf/letter.ts', () => ({
  renderLetter: () => Promise.reject(new Error('Font Noto Sans Regular (NotoSans-Regular.ttf) not found')),
}));

describe('visa approval when the letter cannot be rendered', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite', '2023-04-06T08:00:00Z');
    await seedDemo(h.ctx);
  });
  afterAll(() => h.close());

  it('answers 503 with a clear message and changes nothing', async () => {
    const meetingId = (await h.app.inject({ url: '/api/groups/fg-mv/meetings' })).json()[0].id;
    const user = await makeUser(h.ctx, { category: 'member-state' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const reg = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: auth,
      payload: { mode: 'in-person', sessions: ['WG5'], visaRequest: visaJson },
    });
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, reg.json().id));
    const secretariat = new Agent(h);
    await secretariat.login(demoSecretariat.email, demoSecretariat.password);
    const res = await secretariat.post(`/console/visas/${visa!.id}/approve`, {});
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('missing the fonts');
    const [after] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visa!.id));
    expect(after).toMatchObject({ status: 'requested', letterPdf: null });
    expect((await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'visa-letter'))).length).toBe(0);
  });
});
