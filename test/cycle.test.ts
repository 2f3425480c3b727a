import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { deliverDueMails, smtpTransport } from '../src/platform/mail/worker.ts';
import { defineJobs, runJobsOnce } from '../src/worker.ts';
import { Agent } from './support/agent.ts';
import { contributionFields, pdfBytes } from './support/documents.ts';
import { buildGroup, buildPerson, type Person, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { type Mailbox, startMailbox } from './support/mailbox.ts';

/**
 * The whole cycle of the reference letter, through the API and the pages as a secretariat, a delegate, their
 * organization's focal point, the chair and an interested expert would go through it: a meeting, its circular,
 * the announcement to the list, registration approved by the focal point, a number reserved then filled by the
 * contribution, the agenda, remote details mailed before the meeting, the decisions recorded after it, and the
 * meeting report drafted from all of it and issued.
 */
describe.each(databaseKinds)('the cycle of a circular, from issue to remote details (%s)', (kind) => {
  let h: Harness;
  let mailbox: Mailbox;
  let secretariat: Agent;
  let auth: { authorization: string };
  let meetingId = 0;
  let sessionId = 0;
  const expert = 'ana.lopez@cycle.example';
  let delegate: Person;
  let delegateAuth: { authorization: string };
  let focalAuth: { authorization: string };
  let chair: Person;
  let contribution = '';

  const deliver = async () => {
    await deliverDueMails(h.ctx, smtpTransport(mailbox.url));
  };
  const mailsTo = (address: string) =>
    mailbox.received.filter((m: ParsedMail) => [m.to ?? []].flat().some((to) => to.value.some((v) => v.address === address)));

  beforeAll(async () => {
    h = await startHarness(kind, '2023-06-01T08:00:00Z');
    // WG5 for the contribution (support/documents.ts), WG7 meets; the bureau issued its circular 90 before: the next is 91.
    chair = await buildPerson(h.ctx, { category: 'academia', email: 'chair@cycle.example' });
    await buildGroup(h.ctx, {
      code: 'FG-MV',
      subgroups: ['WG5', 'WG7'],
      bureau: 'TSB',
      bureauFields: { nextCircularNumber: 91 },
      // ITU's way: registrations approved by each organization's focal point.
      registrationApproval: 'focal-point',
      officers: [{ role: 'chair', accountEmail: chair.email }],
    });
    defineJobs();
    mailbox = await startMailbox();
    secretariat = new Agent(h);
    const staff = await secretariatOf(h.ctx);
    await secretariat.login(staff.email, staff.password);
    auth = { authorization: `Bearer ${await createApiToken(h.ctx, staff)}` };
    delegate = await buildPerson(h.ctx, { category: 'sector-member', email: 'min-jun.kim@cycle.example' });
    delegateAuth = { authorization: `Bearer ${await createApiToken(h.ctx, delegate)}` };
    const focal = await buildPerson(h.ctx, { category: 'sector-member', email: 'focal@cycle.example' });
    focalAuth = { authorization: `Bearer ${await createApiToken(h.ctx, focal)}` };
    const organization = await h.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: auth,
      payload: { name: { en: 'Cycle Telecom' }, country: 'KR', category: 'sector-member' },
    });
    for (const [email, focalPoint] of [
      [focal.email, true],
      [delegate.email, false],
    ] as const)
      await h.app.inject({
        method: 'PUT',
        url: `/api/organizations/${organization.json().id}/members`,
        headers: auth,
        payload: { email, focalPoint },
      });
  });
  afterAll(async () => {
    await mailbox?.close();
    await h?.close();
  });

  it('1. the secretariat sets up the meeting and issues its circular', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/groups/fg-mv/meetings',
      headers: auth,
      payload: {
        title: { en: 'Meeting of FG-MV Working Group 7', fr: 'Réunion du Groupe de travail 7 du FG-MV' },
        venue: { name: 'ITU headquarters', city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
        mode: 'hybrid',
        languages: ['en'],
        sessions: [{ subgroup: 'WG7', startDate: '2023-07-10', endDate: '2023-07-11' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    meetingId = created.json().meeting?.id ?? created.json().id;
    const meeting = (await h.app.inject({ url: `/api/meetings/${meetingId}` })).json();
    // The group's rules: 25, 18 and 7 days before the first day.
    expect(meeting.deadlines).toEqual({ visaSupport: '2023-06-15', registration: '2023-06-22', contributions: '2023-07-03' });
    sessionId = meeting.sessions[0].id;

    const issued = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/circulars`,
      headers: auth,
      payload: { initials: 'FG-MV/CB' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ number: 91, version: 1 });
    const french = await h.app.inject({ url: `/meetings/${meetingId}/circular?lang=fr` });
    expect(french.body).toContain('Circulaire TSB 91');
    expect(french.body).toContain('22 juin 2023');
  });

  it('2. an expert subscribes to the list, confirms, and receives the announcement with the circular in French', async () => {
    const asked = await h.app.inject({
      method: 'POST',
      url: '/api/groups/fg-mv/list/subscriptions',
      payload: { email: expert, locale: 'fr' },
    });
    expect(asked.statusCode).toBe(202);
    await deliver();
    const [confirmation] = mailsTo(expert);
    const token = /\/lists\/confirm\/([\w-]+)/.exec(confirmation?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const browser = new Agent(h);
    expect((await browser.get(`/lists/confirm/${token}`)).statusCode).toBe(200);
    expect((await browser.post(`/lists/confirm/${token}`, {})).statusCode).toBe(200);

    const sent = await h.app.inject({
      method: 'POST',
      url: '/api/groups/fg-mv/announcements',
      headers: auth,
      payload: {
        subject: 'FG-MV WG7, Geneva, 10–11 July 2023',
        body: 'Please find the invitation attached.',
        meetingId,
        attachCircular: true,
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().recipients).toBe(1);
    await deliver();
    const announcement = mailsTo(expert).find((m) => m.subject === 'FG-MV WG7, Geneva, 10–11 July 2023');
    expect(announcement).toBeDefined();
    expect(announcement!.attachments.map((a) => a.filename)).toEqual(['circular-91-fr.pdf']);
    expect(announcement!.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const header = (name: string) => announcement!.headerLines.find((l) => l.key === name)?.line.replace(/^[^:]*:\s*/, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(/^<https:\/\/convene\.test\/lists\/unsubscribe\/[\w-]+>$/);
    // The secretariat sees it delivered.
    const report = (await h.app.inject({ url: `/api/groups/fg-mv/announcements/${sent.json().id}`, headers: auth })).json();
    expect(JSON.stringify(report)).toContain('sent');
  });

  it('3. the list is reminded of the registration deadline; a delegate registers, their focal point approves; they reserve a number and contribute under it; the published agenda allocates it', async () => {
    h.clock.set(new Date('2023-06-19T07:00:00Z'));
    await runJobsOnce(h.ctx);
    await deliver();
    const reminders = mailsTo(expert).filter((m) => m.text?.includes('22 juin 2023'));
    expect(reminders.length).toBe(1);

    const registered = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: delegateAuth,
      payload: { mode: 'remote', sessions: ['WG7'] },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json().status).toBe('pending-approval');
    await deliver();
    expect(mailsTo('focal@cycle.example').some((m) => m.text?.includes(delegate.email))).toBe(true);
    const approved = await h.app.inject({
      method: 'POST',
      url: '/api/approvals',
      headers: focalAuth,
      payload: { registrationIds: [registered.json().id], decision: 'approve' },
    });
    expect(approved.json().results[0]).toMatchObject({ status: 'registered', changed: true });
    await deliver();
    expect(mailsTo(delegate.email).some((m) => m.subject?.startsWith(`Registration ${registered.json().number}`))).toBe(true);

    // A number first, then the file under it: the same number.
    const reserved = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/document-reservations`,
      headers: delegateAuth,
      payload: { title: 'Economic aspects of virtual goods', sources: ['Cycle Telecom'], workingGroups: ['WG5'] },
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const agent = new Agent(h);
    await agent.login(delegate.email, delegate.password);
    const submitted = await agent.upload(
      `/meetings/${meetingId}/documents`,
      contributionFields('Economic aspects of virtual goods', { reservation: reserved.json().number }),
      { name: 'goods.pdf', content: pdfBytes() },
    );
    expect(submitted.statusCode).toBe(303);
    const number = submitted.headers.location!.match(/\/documents\/([^?]+)/)![1]!;
    expect(number).toBe(reserved.json().number);
    contribution = number;

    // The agenda, published, allocates the contribution; its page says so.
    const draft = await h.app.inject({
      method: 'PUT',
      url: `/api/sessions/${sessionId}/agenda/draft`,
      headers: auth,
      payload: { items: [{ title: 'Opening' }, { title: 'Virtual goods', documents: [number] }] },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/agenda/publish`, headers: auth })).statusCode).toBe(200);
    const agenda = await h.app.inject({ url: `/sessions/${sessionId}/agenda` });
    expect(agenda.body).toContain(number);
    expect((await h.app.inject({ url: `/documents/${number}` })).body).toContain('Virtual goods');
  });

  it('4. remote details reach the registered delegate before the meeting, and no one else', async () => {
    const saved = await secretariat.post(`/meetings/${meetingId}/remote`, {
      daysBefore: '3',
      whole_link: 'https://meet.example/j/777',
      whole_meetingCode: '777 000 777',
      whole_passcode: 'CYCLE-777',
    });
    expect(saved.statusCode).toBe(303);
    const stranger = await buildPerson(h.ctx, { category: 'non-member' });
    const strangerAgent = new Agent(h);
    await strangerAgent.login(stranger.email, stranger.password);
    expect((await strangerAgent.get(`/meetings/${meetingId}`)).body).not.toContain('CYCLE-777');
    expect((await h.app.inject({ url: `/meetings/${meetingId}` })).body).not.toContain('CYCLE-777');

    h.clock.set(new Date('2023-07-07T06:30:00Z'));
    await runJobsOnce(h.ctx);
    await runJobsOnce(h.ctx);
    await deliver();
    const details = mailsTo(delegate.email).filter((m) => m.text?.includes('CYCLE-777'));
    expect(details).toHaveLength(1);
    expect(details[0]!.text).toContain('https://meet.example/j/777');
    expect(mailsTo(stranger.email)).toHaveLength(0);
    expect(mailsTo(expert).some((m) => m.text?.includes('CYCLE-777'))).toBe(false);
  });

  it('5. after the meeting the chair records the decision on the contribution, and the agenda with decisions is public', async () => {
    h.clock.set(new Date('2023-07-11T15:00:00Z'));
    const chairAgent = new Agent(h);
    await chairAgent.login(chair.email, chair.password);
    const chairAuth = { authorization: `Bearer ${await createApiToken(h.ctx, chair)}` };
    const saved = await h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/sessions/${sessionId}/decisions`,
      headers: chairAuth,
      payload: {
        rows: [{ document: contribution, decision: 'agreed', note: 'Basis for a deliverable' }],
        conclusions: [{ item: 2, text: 'Agreed.' }],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // The delegate may not decide.
    const denied = await h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/sessions/${sessionId}/decisions`,
      headers: delegateAuth,
      payload: { rows: [{ document: contribution, decision: 'withdrawn' }] },
    });
    expect(denied.statusCode).toBe(403);
    const page = await h.app.inject({ url: `/meetings/${meetingId}/decisions` });
    expect(page.body).toContain(contribution);
    expect(page.body).toContain('Basis for a deliverable');
    const csv = await h.app.inject({ url: `/meetings/${meetingId}/decisions.csv` });
    expect(csv.body).toContain(contribution);
  });

  it('6. the secretariat finishes the draft report drawn from the meeting’s facts and issues it; the delegate reads the issued one', async () => {
    const draft = await h.app.inject({ url: `/api/meetings/${meetingId}/report`, headers: auth });
    expect(draft.statusCode, draft.body).toBe(200);
    const facts = JSON.stringify(draft.json());
    // Drawn from the facts: the contribution with its decision, and one registered participant (remote).
    expect(facts).toContain(contribution);
    expect(facts).toContain('Basis for a deliverable');
    expect((await h.app.inject({ url: `/api/meetings/${meetingId}/report`, headers: delegateAuth })).statusCode).toBe(403);
    const texts = await h.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/report`,
      headers: auth,
      payload: { summary: { en: 'WG7 agreed its first contribution.' } },
    });
    expect(texts.statusCode, texts.body).toBe(200);
    const issued = await h.app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/report/issue`, headers: auth });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json().version).toBe(1);
    const delegatePage = new Agent(h);
    await delegatePage.login(delegate.email, delegate.password);
    const page = await delegatePage.get(`/meetings/${meetingId}/reports/1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('WG7 agreed its first contribution.');
    expect(page.body).toContain(contribution);
    const pdf = await h.app.inject({ url: `/meetings/${meetingId}/reports/1/report.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
