import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './support/agent.ts';
import { $, $$, $1, text } from './support/dom.ts';
import { type BuiltMeeting, buildDocument, buildGroup, buildMeeting, buildPerson, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** Issue 13: a group's officers (chairs) see their tools on the meeting page; what they may not do is not offered. */
describe.each(databaseKinds)("the officers' tools on a meeting page (%s)", (kind) => {
  let h: Harness;
  let meeting: BuiltMeeting;
  let chair: Agent;
  let delegate: Agent;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    const chairPerson = await buildPerson(h.ctx, { givenName: 'Chair', familyName: 'Person' });
    const group = await buildGroup(h.ctx, { subgroups: ['WG1', 'WG2'], officers: [{ role: 'chair', accountEmail: chairPerson.email }] });
    meeting = await buildMeeting(h.ctx, { group, startsIn: 40 });
    await buildDocument(h.ctx, { meeting });
    chair = new Agent(h);
    await chair.login(chairPerson.email, chairPerson.password);
    const someone = await buildPerson(h.ctx);
    delegate = new Agent(h);
    await delegate.login(someone.email, someone.password);
  });
  afterAll(() => h.close());

  const tools = (page: { body: string }) => $$(page, '#officer-tools li').map(text);

  it("shows the chair each session's agenda to edit, the documents received and a way to submit a TD", async () => {
    const page = await chair.get(`/meetings/${meeting.id}`);
    expect(text($1(page, '#officer-tools h2'))).toContain('Your tools as an officer of');
    const lines = tools(page);
    expect(lines).toEqual([
      'Edit the agenda of Working Group 1 · not published yet',
      'Edit the agenda of Working Group 2 · not published yet',
      'Submit a temporary document (TD) or an output document',
      '1 document received',
    ]);
    for (const session of meeting.sessions) {
      const href = `/sessions/${session.id}/agenda/edit`;
      expect($(page, `#officer-tools a[href="${href}"]`)).not.toBeNull();
      expect((await chair.get(href)).statusCode).toBe(200);
    }
    const submit = $1(page, '#officer-tools a[href*="/documents/new"]').getAttribute('href')!;
    const form = await chair.get(submit);
    expect($1(form, 'select[name="type"] option[selected]').getAttribute('value')).toBe('TD');
    // The secretariat's own actions are not offered to the chair.
    expect($(page, `a[href="/meetings/${meeting.id}/edit"]`)).toBeNull();
  });

  it('offers a delegate none of it, and the tools stay closed to them', async () => {
    const page = await delegate.get(`/meetings/${meeting.id}`);
    expect($(page, '#officer-tools')).toBeNull();
    expect((await delegate.get(`/sessions/${meeting.sessions[0]!.id}/agenda/edit`)).statusCode).toBe(403);
    // ?type=TD cannot give a delegate a type they may not submit.
    const form = await delegate.get(`/meetings/${meeting.id}/documents/new?type=TD`);
    expect($$(form, 'select[name="type"] option').map((o) => o.getAttribute('value'))).not.toContain('TD');
    expect($(await new Agent(h).get(`/meetings/${meeting.id}`), '#officer-tools')).toBeNull();
  });

  it('leaves the secretariat its own row of actions instead', async () => {
    const staff = await secretariatOf(h.ctx);
    const agent = new Agent(h);
    await agent.login(staff.email, staff.password);
    const page = await agent.get(`/meetings/${meeting.id}`);
    expect($(page, '#officer-tools')).toBeNull();
    expect($(page, `a[href="/meetings/${meeting.id}/edit"]`)).not.toBeNull();
  });

  it('speaks the reader’s language', async () => {
    const page = await chair.get(`/meetings/${meeting.id}?lang=ar`);
    expect(text($1(page, '#officer-tools h2'))).toContain('أدواتك');
  });
});
