import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { Agent } from './support/agent.ts';
import { $, $$, text } from './support/dom.ts';
import {
  type BuiltMeeting,
  buildCircular,
  buildDocument,
  buildGroup,
  buildMeeting,
  buildPerson,
  buildRegistration,
  secretariatOf,
} from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** Issue 13 §2: the home page gives the secretariat and the chairs the counts of their queues. */
describe.each(databaseKinds)('dashboard figures (%s)', (kind) => {
  let h: Harness;
  let mine: BuiltMeeting;
  let chair: Agent;
  let secretariat: Agent;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    const chairPerson = await buildPerson(h.ctx, { givenName: 'Chair', familyName: 'Person' });
    const group = await buildGroup(h.ctx, { bureau: 'TSB', officers: [{ role: 'chair', accountEmail: chairPerson.email }] });
    const other = await buildGroup(h.ctx);
    // The contribution deadline has passed for `mine` (late contributions are flagged), not for `theirs`.
    mine = await buildMeeting(h.ctx, { group, startsIn: 10, deadlines: { visaSupport: -20, registration: 5, contributions: -1 } });
    const theirs = await buildMeeting(h.ctx, { group: other, startsIn: 30 });
    await buildDocument(h.ctx, { meeting: mine, type: 'TD' });
    await buildDocument(h.ctx, { meeting: mine });
    await buildDocument(h.ctx, { meeting: theirs });
    await buildRegistration(h.ctx, { meeting: mine, mode: 'remote' });
    await buildRegistration(h.ctx, { meeting: theirs, mode: 'remote' });
    await buildCircular(h.ctx, { meeting: mine, initials: 'X', addressees: ['member-states'], copyTo: [] });
    chair = new Agent(h);
    await chair.login(chairPerson.email, chairPerson.password);
    const staff = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
  });
  afterAll(() => h.close());

  const figures = async (agent: Agent) => {
    const page = await agent.get('/');
    return new Map(
      $$(page, '#figures-h ~ .card-grid .stat').map((f) => [
        text(f.querySelector('.stat-label')),
        { value: text(f.querySelector('.stat-value')), href: f.querySelector('a')?.getAttribute('href') ?? f.getAttribute('href') ?? '' },
      ]),
    );
  };

  it('gives the secretariat registrations, late contributions, agendas to publish and corrigenda due, each leading to its place', async () => {
    const seen = await figures(secretariat);
    expect(seen.get('Registrations for upcoming meetings')?.value).toBe('2');
    expect(seen.get('Late contributions to upcoming meetings')).toEqual({ value: '2', href: `/meetings/${mine.id}#documents` });
    expect(seen.get('Sessions without a published agenda')?.value).toBe(String(mine.sessions.length + 2));
    expect(seen.get('Circulars needing a corrigendum')).toEqual({ value: '0', href: `/meetings/${mine.id}/circular/manage` });

    // A change participants act on makes the circular due for a corrigendum.
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, await secretariatOf(h.ctx))}` };
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${mine.id}`,
      headers: auth,
      payload: { deadlines: { registration: '2023-04-12' } },
    });
    expect(patched.statusCode).toBe(200);
    expect((await figures(secretariat)).get('Circulars needing a corrigendum')?.value).toBe('1');
  });

  it("gives a chair the late contributions and agendas of their own group's meetings only", async () => {
    const seen = await figures(chair);
    expect(seen.get('Late contributions to upcoming meetings')).toEqual({ value: '2', href: `/meetings/${mine.id}#documents` });
    expect(seen.get('Sessions without a published agenda')).toEqual({
      value: String(mine.sessions.length),
      href: `/meetings/${mine.id}#officer-tools`,
    });
    expect(seen.has('Registrations for upcoming meetings')).toBe(false);
    expect(seen.has('Circulars needing a corrigendum')).toBe(false);
  });

  it('shows a delegate and a visitor no queue', async () => {
    const person = await buildPerson(h.ctx);
    const delegate = new Agent(h);
    await delegate.login(person.email, person.password);
    expect((await figures(delegate)).size).toBe(0);
    expect($(await new Agent(h).get('/'), '#figures-h')).toBeNull();
  });
});
