import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { auditEvents } from '../src/modules/accounts/schema.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { purgeExpiredVisaData, resealPersonalData } from '../src/modules/visas/service.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { deliverDueMails } from '../src/platform/mail/worker.ts';
import { Agent } from './support/agent.ts';
import { buildMeeting, buildPerson, type Person, secretariatOf } from './support/factories.ts';
import { visaForm, visaJson } from './support/fixtures.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { inspectPdf } from './support/pdf.ts';

const run = promisify(execFile);

/**
 * FG-MV's hybrid meeting on 9–10 May 2023 (WG5 both days, WG6 the first), visa support due 14 April and
 * registration 21 April: the dates the visa requests in fixtures.ts fit.
 */
const mayMeeting = (h: Harness) =>
  buildMeeting(h.ctx, {
    group: { code: 'FG-MV', subgroups: ['WG5', 'WG6'] },
    title: { en: 'Meetings of FG-MV Working Group 5 and Working Group 6' },
    sessions: [
      { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
      { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
    ],
    deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
  });

/** The letter's text: by pdftotext where poppler is installed, else by pdf.js (unpdf). */
async function pdfText(pdf: Buffer): Promise<string> {
  if (spawnSync('pdftotext', ['-v']).error) return (await inspectPdf(pdf)).text.join('\n');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'convene-pdf-')), 'letter.pdf');
  fs.writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout;
}

describe.each(databaseKinds)('visa support (%s)', (kind) => {
  let h: Harness;
  let meetingId: number;
  let secretariat: Agent;
  let staff: Person;

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await mayMeeting(h)).id;
    staff = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
  });
  afterAll(() => h.close());

  const delegate = async (name = { givenName: 'Yuntao', familyName: 'Wang' }) => {
    const user = await buildPerson(h.ctx, { category: 'member-state', ...name });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const reg = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: auth,
      payload: { mode: 'in-person', sessions: ['WG5', 'WG6'], visaRequest: visaJson },
    });
    expect(reg.statusCode).toBe(201);
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, reg.json().id));
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    return { user, auth, agent, registration: reg.json(), visaId: visa!.id };
  };

  it('lists requests for the secretariat with filters, and audits every view of passport details', async () => {
    const { visaId, registration } = await delegate();
    const queue = await secretariat.get('/console/visas?nationality=CN&status=requested');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(registration.number);
    expect(queue.body).not.toContain('E12345678');
    expect((await secretariat.get('/console/visas?nationality=FR')).body).not.toContain(registration.number);
    const review = await secretariat.get(`/console/visas/${visaId}`);
    expect(review.body).toContain('E12345678');
    expect(review.body).toContain('WANG Yuntao');
    const audits = await h.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `visa-request:${visaId}`));
    expect(audits.map((a) => a.action)).toContain('visa.view');
  });

  it('opens the secretariat console with the meetings and the kept mails, and refuses it to others', async () => {
    const page = await secretariat.get('/console');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/console/meetings/${meetingId}/registrations`);
    expect(page.body).toContain('No SMTP server is configured');
    expect(page.body).toContain('href="/console/mail"');
    const mail = await secretariat.get('/console/mail');
    expect(mail.body).toContain('Registration R'); // confirmation mails kept in the outbox
    const { agent } = await delegate();
    expect((await agent.get('/console')).statusCode).toBe(403);
    expect((await new Agent(h).get('/console')).statusCode).toBe(303);
    expect((await agent.get('/console/mail')).statusCode).toBe(403);
  });

  it('denies participants the queue, the decision and other people’s letters', async () => {
    const { agent, auth, visaId } = await delegate();
    expect((await agent.get('/console/visas')).statusCode).toBe(403);
    expect((await agent.get(`/console/visas/${visaId}`)).statusCode).toBe(403);
    expect((await agent.post(`/console/visas/${visaId}/approve`, {})).statusCode).toBe(403);
    const api = await h.app.inject({ method: 'POST', url: `/api/visa-requests/${visaId}/approve`, headers: auth });
    expect(api.statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/visa-requests', headers: auth })).statusCode).toBe(403);
    const [row] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visaId));
    expect(row!.status).toBe('requested');
  });

  it('approves: the letter names the participant and the meeting, is mailed sealed and downloadable by its owner only', async () => {
    const { agent, registration, visaId, user } = await delegate();
    const res = await secretariat.post(`/console/visas/${visaId}/approve`, { _confirmed: '1' });
    expect(res.statusCode).toBe(303);
    const [row] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visaId));
    expect(row).toMatchObject({ status: 'letter-sent', letterIssuedOn: '2023-04-06' });
    expect(row!.letterReference).toMatch(/^VISA\/FG-MV\/2023\/\d{4}$/);

    const page = await agent.get(`/registrations/${registration.id}`);
    expect(page.body).toContain('Letter sent');
    const download = await agent.get(`/registrations/${registration.id}/visa-letter.pdf`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment;');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const text = await pdfText(download.rawPayload);
    for (const expected of [
      'WANG Yuntao',
      'E12345678',
      'Meetings of FG-MV Working Group 5 and Working Group 6',
      'May 2023',
      'Beijing',
      row!.letterReference!,
    ]) {
      expect(text).toContain(expected);
    }

    const stranger = await delegate({ givenName: 'Other', familyName: 'Person' });
    expect((await stranger.agent.get(`/registrations/${registration.id}/visa-letter.pdf`)).statusCode).toBe(404);
    expect((await new Agent(h).get(`/registrations/${registration.id}/visa-letter.pdf`)).statusCode).toBe(303);

    // Mailed with the letter attached; the outbox holds it sealed, and the worker opens it to send.
    const [mail] = await h.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, user.email))
      .then((rows) => rows.filter((r) => r.kind === 'visa-letter'));
    expect(mail!.attachments[0]).toMatchObject({ sealed: true, contentType: 'application/pdf' });
    const sent: { attachments?: { filename?: string; content?: unknown }[] }[] = [];
    const transport = {
      sendMail: async (m: object) => {
        sent.push(m as never);
        return { messageId: 'x' };
      },
    };
    while ((await deliverDueMails(h.ctx, transport)).sent > 0);
    const letterMail = sent.find((m) => m.attachments?.some((a) => a.filename?.endsWith('.pdf')));
    expect((letterMail!.attachments![0]!.content as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    expect((await secretariat.post(`/console/visas/${visaId}/approve`, { _confirmed: '1' })).statusCode).toBe(409);
  });

  it.each([
    ['cancelled', { method: 'DELETE' as const }],
    ['switched to remote', { method: 'PATCH' as const, payload: { mode: 'remote' } }],
  ])('voids the letter once the registration is %s: 410 for the participant, kept for the secretariat', async (_what, change) => {
    const { agent, auth, registration, visaId } = await delegate();
    await secretariat.post(`/console/visas/${visaId}/approve`, { _confirmed: '1' });
    const letterUrl = `/registrations/${registration.id}/visa-letter.pdf`;
    expect((await agent.get(letterUrl)).statusCode).toBe(200);
    const changed = await h.app.inject({ ...change, url: `/api/registrations/${registration.id}`, headers: auth });
    expect(changed.statusCode).toBe(200);
    const [row] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visaId));
    expect(row!.status).toBe('withdrawn');

    const refused = await agent.get(letterUrl);
    expect(refused.statusCode).toBe(410);
    expect(refused.body).toContain('no longer valid');
    expect(refused.headers['content-type']).not.toContain('pdf');
    const page = await agent.get(`/registrations/${registration.id}`);
    expect(page.body).toContain('Withdrawn');
    expect(page.body).not.toContain(letterUrl);
    expect((await h.app.inject({ url: `/api/registrations/${registration.id}`, headers: auth })).json().visa).toMatchObject({
      status: 'withdrawn',
      letterUrl: null,
    });
    const exported = await h.app.inject({ url: '/api/me/export', headers: auth });
    expect(JSON.stringify(exported.json())).toContain('"letterAvailable":false');

    // The secretariat still reads it (audited as the letter of a withdrawn request) until the purge.
    const kept = await secretariat.get(letterUrl);
    expect(kept.statusCode).toBe(200);
    expect(kept.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const audits = await h.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subject, `visa-request:${visaId}`));
    expect(audits.filter((a) => a.action === 'visa.letter.download').map((a) => a.details)).toEqual([{}, { status: 'withdrawn' }]);
  });

  it('rejects with a required reason that the participant sees', async () => {
    const { agent, registration, visaId } = await delegate();
    const noReason = await secretariat.post(`/console/visas/${visaId}/reject`, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    const res = await secretariat.post(`/console/visas/${visaId}/reject`, { reason: 'The participant is not an official delegate.' });
    expect(res.statusCode).toBe(303);
    const page = await agent.get(`/registrations/${registration.id}`);
    expect(page.body).toContain('Rejected');
    expect(page.body).toContain('The participant is not an official delegate.');
  });

  it('a cancellation or a switch to remote withdraws a standing request, and leaves a decided one as decided', async () => {
    const rejected = await delegate();
    await secretariat.post(`/console/visas/${rejected.visaId}/reject`, { reason: 'Not an official delegate.' });
    const standing = await delegate();
    const switched = await delegate();
    expect(
      (await h.app.inject({ method: 'DELETE', url: `/api/registrations/${rejected.registration.id}`, headers: rejected.auth })).statusCode,
    ).toBe(200);
    expect(
      (await h.app.inject({ method: 'DELETE', url: `/api/registrations/${standing.registration.id}`, headers: standing.auth })).statusCode,
    ).toBe(200);
    const patch = await h.app.inject({
      method: 'PATCH',
      url: `/api/registrations/${switched.registration.id}`,
      headers: switched.auth,
      payload: { mode: 'remote' },
    });
    expect(patch.statusCode).toBe(200);
    const statusOf = async (id: number) => (await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, id)))[0]!;
    expect(await statusOf(rejected.visaId)).toMatchObject({ status: 'rejected', reason: 'Not an official delegate.' });
    expect((await statusOf(standing.visaId)).status).toBe('withdrawn');
    expect((await statusOf(switched.visaId)).status).toBe('withdrawn');
  });

  it('keeps passport numbers out of a plain database dump, re-seals under a new key, and purges after retention', async () => {
    const { registration, visaId } = await delegate();
    await secretariat.post(`/console/visas/${visaId}/approve`, { _confirmed: '1' });
    if (kind === 'postgres') {
      const current = (await h.database.exec('SELECT current_database() AS db'))[0]!.db as string;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${current}`;
      const { stdout } = await run('pg_dump', ['--data-only', url.toString()], { maxBuffer: 64 * 1024 * 1024 });
      expect(stdout).toContain('Yuntao'); // account names are in the dump…
      expect(stdout).not.toContain('E12345678'); // …passport numbers are
    } else {
      const dump = await h.database.pglite!.dumpDataDir('none');
      expect(Buffer.from(await dump.arrayBuffer()).includes('E12345678')).toBe(false);
    }

    h.clock.set('2023-06-10T12:00:00Z'); // meeting ended 10 May; retention 30 days → purge after 9 June
    try {
      expect(await purgeExpiredVisaData(h.ctx)).toBeGreaterThan(0);
      const [purged] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.id, visaId));
      expect(purged).toMatchObject({ status: 'purged', passport: null, letterPdf: null });
      await secretariat.login(staff.email, staff.password); // the April session has expired
      const download = await secretariat.get(`/registrations/${registration.id}/visa-letter.pdf`);
      expect(download.statusCode).toBe(404);
      expect((await secretariat.get(`/registrations/${registration.id}`)).body).toContain('Deleted after the meeting');
    } finally {
      h.clock.set('2023-04-06T08:00:00Z');
    }
  });
  it('lets an in-person registrant ask for visa support later (after the reminder), under the same rules, once', async () => {
    const user = await buildPerson(h.ctx, { category: 'sector-member' });
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
    const reg = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: auth,
      payload: { mode: 'in-person', sessions: ['WG5'] },
    });
    expect(reg.statusCode).toBe(201);
    const id = reg.json().id as number;
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    expect((await agent.get(`/registrations/${id}`)).body).toContain(`/registrations/${id}/visa`);
    expect((await agent.get(`/registrations/${id}/visa`)).statusCode).toBe(200);

    // Incoherent dates: the form again, nothing stored.
    const bad = await agent.post(`/registrations/${id}/visa`, { ...visaForm, visaRequest_passportExpiresOn: '2023-05-20' });
    expect(bad.statusCode).toBe(422);
    expect(await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, id))).toHaveLength(0);

    const asked = await agent.post(`/registrations/${id}/visa`, visaForm);
    expect(asked.statusCode).toBe(303);
    const [visa] = await h.ctx.db.select().from(visaRequests).where(eq(visaRequests.registrationId, id));
    expect(visa?.status).toBe('requested');
    expect(visa?.passport).not.toContain('E12345678');
    expect((await agent.get(`/registrations/${id}`)).body).not.toContain(`/registrations/${id}/visa"`);
    const again = await h.app.inject({ method: 'POST', url: `/api/registrations/${id}/visa-request`, headers: auth, payload: visaJson });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toContain('visa-already-requested');

    // Someone else's registration does not exist for them; remote participants and non-members may not ask.
    const other = await buildPerson(h.ctx, { category: 'member-state' });
    const otherAuth = { authorization: `Bearer ${await createApiToken(h.ctx, other)}` };
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/registrations/${id}/visa-request`, headers: otherAuth, payload: visaJson }))
        .statusCode,
    ).toBe(404);
    const remote = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: otherAuth,
      payload: { mode: 'remote', sessions: ['WG5'] },
    });
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: `/api/registrations/${remote.json().id}/visa-request`,
          headers: otherAuth,
          payload: visaJson,
        })
      ).statusCode,
    ).toBe(422);
    const nonMember = await buildPerson(h.ctx, { category: 'non-member' });
    const nmAuth = { authorization: `Bearer ${await createApiToken(h.ctx, nonMember)}` };
    const nmReg = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: nmAuth,
      payload: { mode: 'in-person', sessions: ['WG5'] },
    });
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/registrations/${nmReg.json().id}/visa-request`,
      headers: nmAuth,
      payload: visaJson,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toContain('visa-not-eligible');

    // After the visa deadline (14 April 2023, Geneva): closed.
    const late = await buildPerson(h.ctx, { category: 'member-state' });
    const lateAuth = { authorization: `Bearer ${await createApiToken(h.ctx, late)}` };
    const lateReg = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/registrations`,
      headers: lateAuth,
      payload: { mode: 'in-person', sessions: ['WG5'] },
    });
    const before = h.clock.now();
    h.clock.set(new Date('2023-04-15T08:00:00Z'));
    try {
      const closed = await h.app.inject({
        method: 'POST',
        url: `/api/registrations/${lateReg.json().id}/visa-request`,
        headers: lateAuth,
        payload: visaJson,
      });
      expect(closed.statusCode).toBe(409);
      expect(closed.json().type).toContain('visa-closed');
    } finally {
      h.clock.set(before);
    }
  });
});

describe('data key rotation', () => {
  it('re-seals personal data under the new key and still reads it', async () => {
    const h = await startHarness('pglite', '2023-04-06T08:00:00Z');
    try {
      const meetingId = (await mayMeeting(h)).id;
      const user = await buildPerson(h.ctx, { category: 'academia' });
      const auth = { authorization: `Bearer ${await createApiToken(h.ctx, user)}` };
      await h.app.inject({
        method: 'POST',
        url: `/api/meetings/${meetingId}/registrations`,
        headers: auth,
        payload: { mode: 'in-person', sessions: ['WG5'], visaRequest: visaJson },
      });
      const oldKey = randomBytes(32);
      const oldRing = makeKeyring(oldKey);
      const [row] = await h.ctx.db.select().from(visaRequests);
      // Simulate data sealed under the old key.
      await h.ctx.db
        .update(visaRequests)
        .set({ passport: oldRing.seal(h.ctx.keyring.open(row!.passport!)) })
        .where(eq(visaRequests.id, row!.id));
      const ctx = { ...h.ctx, keyring: makeKeyring(randomBytes(32), [oldKey]) };
      expect(await resealPersonalData(ctx)).toBe(1);
      const [after] = await h.ctx.db.select().from(visaRequests);
      expect(ctx.keyring.isCurrent(after!.passport!)).toBe(true);
      expect(JSON.parse(ctx.keyring.open(after!.passport!).toString()).passportNumber).toBe('E12345678');
      expect(await resealPersonalData(ctx)).toBe(0);
    } finally {
      await h.close();
    }
  });
});
