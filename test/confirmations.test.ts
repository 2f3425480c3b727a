import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcements } from '../src/modules/mailing-lists/schema.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { $, $$, $1, formValues, text } from './support/dom.ts';
import {
  type BuiltGroup,
  type BuiltMeeting,
  buildDocument,
  buildGroup,
  buildMeeting,
  buildRegistration,
  secretariatOf,
} from './support/factories.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

/**
 * Issue 13: irreversible or mass actions ask first, on a page that says what will happen, and work without
 * JavaScript: the first post changes nothing, the page's own form does it.
 */
describe.each(databaseKinds)('confirmation of irreversible actions (%s)', (kind) => {
  let h: Harness;
  let group: BuiltGroup;
  let meeting: BuiltMeeting;
  let secretariat: Agent;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    group = await buildGroup(h.ctx, { bureau: 'TSB' });
    meeting = await buildMeeting(h.ctx, { group, startsIn: 40, mode: 'in-person' });
    const staff = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
  });
  afterAll(() => h.close());

  /** Presses a button of the confirmation page's form, sending what a browser would. */
  const press = (agent: Agent, page: { body: string }, button: string) => {
    const form = $1(page, 'main form[method="post"]');
    const pressed = $$(form, 'button').find((b) => text(b) === button);
    if (!pressed) throw new Error(`no button "${button}"`);
    const values = formValues(form);
    const name = pressed.getAttribute('name');
    return agent.post(form.getAttribute('action')!, name ? { ...values, [name]: pressed.getAttribute('value') ?? '' } : values);
  };
  const outboxSize = async () => (await h.ctx.db.select({ id: outbox.id }).from(outbox)).length;

  it('approves a visa request and mails the letter only once confirmed, saying to whom', async () => {
    const registration = await buildRegistration(h.ctx, { meeting, visaRequest: true });
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, registration.id));
    const mails = await outboxSize();

    const asked = await secretariat.post(`/console/visas/${visa!.id}/approve`, {});
    expect(asked.statusCode).toBe(200);
    expect(text($1(asked, 'h1'))).toBe('Approve this visa support request?');
    expect(text($1(asked, '.consequences'))).toContain((registration.person as { email: string }).email);
    expect(text($1(asked, '.page-header'))).toContain(registration.number);
    expect($(asked, `main a[href$="/console/visas/${visa!.id}"]`)).not.toBeNull();
    // Nothing happened yet.
    expect((await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visa!.id)))[0]!.status).toBe('requested');
    expect(await outboxSize()).toBe(mails);

    const done = await press(secretariat, asked, 'Approve and send the letter');
    expect(done.statusCode).toBe(303);
    expect((await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visa!.id)))[0]!.status).toBe('letter-sent');
    expect(await outboxSize()).toBe(mails + 1);

    // Someone who may not approve is refused, not asked.
    const delegate = await makeUser(h.ctx, { category: 'member-state' });
    const other = new Agent(h);
    await other.login(delegate.email, delegate.password);
    expect((await other.post(`/console/visas/${visa!.id}/approve`, {})).statusCode).toBe(403);
  });

  it('withdraws a document only once confirmed, with the danger button, and never asks a stranger', async () => {
    const author = await makeUser(h.ctx, { category: 'member-state' });
    const doc = await buildDocument(h.ctx, { meeting, author });
    const owner = new Agent(h);
    await owner.login(author.email, author.password);

    const stranger = await makeUser(h.ctx, { category: 'member-state' });
    const strangerAgent = new Agent(h);
    await strangerAgent.login(stranger.email, stranger.password);
    expect((await strangerAgent.post(`/documents/${doc.number}/withdraw`, {})).statusCode).toBe(403);

    const asked = await owner.post(`/documents/${doc.number}/withdraw`, {});
    expect(asked.statusCode).toBe(200);
    expect(text($1(asked, 'h1'))).toBe(`Withdraw ${doc.number}?`);
    expect($1(asked, 'main form button[name="_confirmed"]').getAttribute('class')).toBe('danger');
    expect($1(asked, 'main form a').getAttribute('href')).toBe(`/documents/${doc.number}`);
    expect((await h.app.inject({ url: `/api/documents/${doc.number}` })).json().withdrawn).toBe(false);

    expect((await press(owner, asked, 'Withdraw this document')).statusCode).toBe(303);
    expect((await h.app.inject({ url: `/api/documents/${doc.number}` })).json().withdrawn).toBe(true);
    // Again: already withdrawn, nothing to ask.
    expect((await owner.post(`/documents/${doc.number}/withdraw`, {})).statusCode).toBe(303);
  });

  it('sends an announcement after saying to how many, keeps what was typed through "Change", and checks input first', async () => {
    const slug = group.code.toLowerCase();
    const form = await secretariat.get(`/groups/${slug}/announcements/new`);
    const values = { ...formValues($1(form, 'main form[method="post"]')), subject: 'Meeting in May', body: 'Dear colleagues,\nsee you.' };

    // Bad input goes back to the form, not to the confirmation.
    expect((await secretariat.post(`/groups/${slug}/announcements/new`, { ...values, subject: ' ' })).statusCode).toBe(422);

    const asked = await secretariat.post(`/groups/${slug}/announcements/new`, values);
    expect(asked.statusCode).toBe(200);
    expect(text($1(asked, 'h1'))).toBe('Send this announcement?');
    expect(text($1(asked, '.page-header'))).toContain('Meeting in May');
    expect(text($1(asked, '.consequences'))).toContain('no confirmed subscribers');
    const before = await h.ctx.db.select().from(announcements).where(eq(announcements.groupId, group.id));
    expect(before).toHaveLength(0);

    const changed = await press(secretariat, asked, 'Change');
    expect(changed.statusCode).toBe(200);
    expect($1(changed, 'input[name="subject"]').getAttribute('value')).toBe('Meeting in May');
    expect(text($1(changed, 'textarea[name="body"]'))).toContain('see you.');

    const again = await secretariat.post(`/groups/${slug}/announcements/new`, formValues($1(changed, 'main form[method="post"]')));
    expect(again.statusCode).toBe(200);
    const sent = await press(secretariat, again, 'Send');
    expect(sent.statusCode).toBe(303);
    // A second press of the same page (a double click) sends nothing more.
    expect((await press(secretariat, again, 'Send')).headers.location).toBe(sent.headers.location);
    expect(await h.ctx.db.select().from(announcements).where(eq(announcements.groupId, group.id))).toHaveLength(1);
  });

  it('issues the circular after saying it is public and final; bad choices never reach the confirmation', async () => {
    const manage = await secretariat.get(`/meetings/${meeting.id}/circular/manage`);
    const issueForm = $$(manage, 'main form[method="post"]').find((f) => f.getAttribute('action')?.endsWith('/circular/issue'))!;
    const values = formValues(issueForm);
    expect((await secretariat.post(`/meetings/${meeting.id}/circular/issue`, { ...values, issuedOn: '2023-02-30' })).statusCode).toBe(422);

    const asked = await secretariat.post(`/meetings/${meeting.id}/circular/issue`, values);
    expect(asked.statusCode).toBe(200);
    expect(text($1(asked, 'h1'))).toBe('Issue the circular?');
    expect(text($1(asked, '.consequences'))).toContain('all six languages');
    expect((await h.app.inject({ url: `/meetings/${meeting.id}/circular` })).statusCode).toBe(404);

    expect((await press(secretariat, asked, 'Issue the circular')).statusCode).toBe(303);
    expect((await h.app.inject({ url: `/meetings/${meeting.id}/circular` })).statusCode).toBe(200);
  });

  it('publishes an agenda after saying how many items become public', async () => {
    const session = meeting.sessions[0]!;
    const path = `/sessions/${session.id}/agenda`;
    expect((await secretariat.post(`${path}/edit`, { items_0_title: 'Opening', items_1_title: 'Closing' })).statusCode).toBe(303);

    const asked = await secretariat.post(`${path}/publish`, {});
    expect(asked.statusCode).toBe(200);
    expect(text($1(asked, 'h1'))).toBe('Publish the agenda?');
    expect(text($1(asked, '.consequences'))).toContain('Its 2 items become public');
    expect((await new Agent(h).get(path)).statusCode).toBe(404);

    expect((await press(secretariat, asked, 'Publish')).statusCode).toBe(303);
    expect((await new Agent(h).get(path)).statusCode).toBe(200);
  });

  it('shows every confirmation in the reader’s language', async () => {
    const author = await makeUser(h.ctx, { category: 'member-state' });
    const doc = await buildDocument(h.ctx, { meeting, author });
    const owner = new Agent(h);
    await owner.login(author.email, author.password);
    const asked = await owner.post(`/documents/${doc.number}/withdraw?lang=ar`, {});
    expect($1(asked, 'html').getAttribute('dir')).toBe('rtl');
    expect(text($1(asked, 'h1'))).toContain('هل تريد سحب');
    expect(text($1(asked, 'main form a'))).toBe('إلغاء');
  });
});
