import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { buildMeeting, buildPerson, secretariatOf, visaRequestFor } from './support/factories.ts';
import { type Harness, startHarness } from './support/harness.ts';

// A server without the fonts: rendering fails the way resolveFonts fails.
vi.mock('../src/platform/pdf/letter.ts', () => ({
  renderLetter: () => Promise.reject(new Error('Font Noto Sans Regular (NotoSans-Regular.ttf) not found')),
}));

describe('visa approval when the letter cannot be rendered', () => {
  let h: Harness;
  let meeting: Awaited<ReturnType<typeof buildMeeting>>;
  beforeAll(async () => {
    h = await startHarness('pglite', '2023-04-06T08:00:00Z');
    meeting = await buildMeeting(h.ctx, { group: { subgroups: ['WG5'] } });
  });
  afterAll(() => h.close());

  it('answers 503 with a clear message and changes nothing', async () => {
    const user = await buildPerson(h.ctx, { category: 'member-state' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const reg = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/registrations`,
      headers: auth,
      payload: { mode: 'in-person', sessions: ['WG5'], visaRequest: visaRequestFor(meeting, '2023-04-06') },
    });
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, reg.json().id));
    const secretariat = new Agent(h);
    const staff = await secretariatOf(h.ctx);
    await secretariat.login(staff.email, staff.password);
    const res = await secretariat.post(`/console/visas/${visa!.id}/approve`, { _confirmed: '1' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('missing the fonts');
    const [after] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visa!.id));
    expect(after).toMatchObject({ status: 'requested', letterPdf: null });
    expect((await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'visa-letter'))).length).toBe(0);
  });
});
