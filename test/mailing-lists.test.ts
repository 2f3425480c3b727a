import { and, eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import type { Actor } from '../src/modules/accounts/profile.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { circulars } from '../src/modules/circulars/schema.ts';
import { bureaus } from '../src/modules/groups/schema.ts';
import { createGroup, findGroup, saveSubgroup } from '../src/modules/groups/service.ts';
import { announcementDeliveries, announcements, listSubscriptions } from '../src/modules/mailing-lists/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { createMeeting } from '../src/modules/meetings/service.ts';
import { sha256 } from '../src/platform/crypto.ts';
import { fileAttachment, queueMail } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { deliverDueMails, type MailTransport, smtpTransport } from '../src/platform/mail/worker.ts';
import { Agent } from './support/agent.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';
import { startMailbox } from './support/mailbox.ts';

/**
 * The circulars module renders real PDFs (fonts, layout); here the seam is replaced by a renderer that
 * writes a small PDF-like file per language into the real file store, so the test sees how many times
 * the circular is rendered and which language each recipient receives.
 */
const circularStub = vi.hoisted(() => ({ byMeeting: new Map<number, number>(), renders: [] as string[] }));
vi.mock('../src/modules/mailing-lists/circular-attachment.ts', async () => {
  const { fileAttachment: attach } = await import('../src/platform/mail/outbox.ts');
  return {
    issuedCircularOf: async (_ctx: unknown, meetingId: number) => {
      const id = circularStub.byMeeting.get(meetingId);
      return id === undefined ? null : { id };
    },
    circularAttachment: async (
      ctx: { files: { putBuffer(b: Uint8Array): Promise<{ hash: string }> } },
      circularId: number,
      locale: string,
    ) => {
      circularStub.renders.push(`${circularId}:${locale}`);
      const stored = await ctx.files.putBuffer(Buffer.from(pdfFor(circularId, locale)));
      return attach(`circular-${circularId}-${locale}.pdf`, 'application/pdf', stored.hash);
    },
  };
});
const pdfFor = (circularId: number, locale: string) => `%PDF-1.4\n% circular ${circularId} in ${locale}\n%%EOF\n`;

const NOW = '2023-04-06T08:00:00.000Z';
const BASE = 'https://convene.test';

const recipientsOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((l) => l.key === name.toLowerCase())?.line.replace(/^[^:]*:\s*/, '');
const linkIn = (text: string | undefined, kind: 'confirm' | 'unsubscribe') => {
  const match = new RegExp(`${BASE}/lists/${kind}/([\\w-]+)`).exec(text ?? '');
  if (!match) throw new Error(`no ${kind} link in: ${text}`);
  return { url: match[0], path: `/lists/${kind}/${match[1]}`, token: match[1]! };
};

describe.each(databaseKinds)('mailing lists (%s)', (kind) => {
  let h: Harness;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let transport: MailTransport;
  let secretariatActor: Actor;
  let secretariat: Agent;
  let secretariatToken: string;
  let groupCounter = 0;

  beforeAll(async () => {
    h = await startHarness(kind, NOW);
    await seedDemo(h.ctx);
    secretariatActor = (await findActorByEmail(h.ctx, demoSecretariat.email))!;
    secretariat = new Agent(h);
    await secretariat.login(demoSecretariat.email, demoSecretariat.password);
    secretariatToken = await createApiToken(h.ctx, secretariatActor);
    mailbox = await startMailbox({ refuse: (address) => address.startsWith('bounce') });
    transport = smtpTransport(mailbox.url);
  });
  afterAll(async () => {
    await mailbox?.close();
    await h?.close();
  });
  beforeEach(() => {
    h.clock.set(NOW);
    circularStub.renders.length = 0;
    circularStub.byMeeting.clear();
  });

  /** A group of its own per test (with one meeting), so lists do not mix. */
  const newGroup = async () => {
    groupCounter += 1;
    const code = `FG-L${groupCounter}`;
    await createGroup(h.ctx, secretariatActor, {
      code,
      name: { en: `Focus Group on Lists ${groupCounter}`, zh: `邮件列表焦点组${groupCounter}` },
    });
    await saveSubgroup(h.ctx, secretariatActor, code, { kind: 'WG', number: 1, title: { en: 'General' } });
    const saved = await createMeeting(h.ctx, secretariatActor, code, {
      title: { en: `Meeting of ${code}`, zh: `${code} 会议` },
      venue: { name: 'ITU headquarters', city: 'Geneva', country: 'CH', timeZone: 'Europe/Zurich' },
      mode: 'hybrid',
      languages: ['en'],
      sessions: [{ subgroup: 'WG1', startDate: '2023-06-01', endDate: '2023-06-02' }],
    });
    return { code, slug: code.toLowerCase(), meetingId: saved.detail.meeting.id };
  };
  const deliverAll = async () => {
    let total = { sent: 0, failed: 0 };
    for (;;) {
      const r = await deliverDueMails(h.ctx, transport);
      total = { sent: total.sent + r.sent, failed: total.failed + r.failed };
      if (r.sent + r.failed === 0) return total;
    }
  };
  const arrivedFor = (address: string) => mailbox.received.filter((m) => recipientsOf(m).includes(address));
  const subscription = async (address: string) => {
    const rows = await h.ctx.db
      .select()
      .from(listSubscriptions)
      .where(eq(sql`lower(${listSubscriptions.email})`, address.toLowerCase()));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  const confirmMails = (address: string) =>
    h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'list-confirm')))
      .orderBy(outbox.id);
  /** Subscribes and confirms through the pages, as a person would. */
  const subscribeAndConfirm = async (slug: string, address: string, lang: 'en' | 'zh' = 'en') => {
    const visitor = new Agent(h);
    await visitor.get(`/groups/${slug}?lang=${lang}`);
    expect((await visitor.post(`/groups/${slug}/list`, { email: address })).statusCode).toBe(200);
    const [mail] = (await confirmMails(address)).slice(-1);
    const link = linkIn(mail!.textBody!, 'confirm');
    expect((await visitor.post(link.path, {})).statusCode).toBe(200);
    expect((await subscription(address)).status).toBe('confirmed');
  };
  /** POSTs exactly what a mail client sends for RFC 8058 one-click: no cookies, no form token. */
  const oneClick = (path: string) =>
    h.app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const announce = async (slug: string, form: Record<string, string>) => {
    const res = await secretariat.post(`/groups/${slug}/announcements/new`, { ...form, _confirmed: '1' });
    expect(res.statusCode, res.body).toBe(303);
    const id = Number(/\/announcements\/(\d+)/.exec(res.headers.location as string)![1]);
    return id;
  };

  it('subscribes with double opt-in, delivers an announcement over SMTP with one-click unsubscribe, and stops after it', async () => {
    const { slug, code } = await newGroup();
    const li = `li.wei.${kind}@example.org`;
    const ana = `ana.${kind}@example.org`;

    // The group page offers the list; a Chinese reader subscribes.
    const visitor = new Agent(h);
    const page = await visitor.get(`/groups/${slug}?lang=zh`);
    expect(page.body).toContain(`action="/groups/${slug}/list"`);
    expect(page.body).toContain('邮件列表');
    const asked = await visitor.post(`/groups/${slug}/list`, { email: li });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('请查收邮件');
    expect((await subscription(li)).status).toBe('pending');
    expect((await subscription(li)).locale).toBe('zh');

    // The confirmation arrives by SMTP, in Chinese, with a link built on BASE_URL.
    await deliverAll();
    const [confirmation] = arrivedFor(li);
    expect(confirmation?.subject).toBe(`请确认订阅 ${code}`);
    const confirm = linkIn(confirmation!.text, 'confirm');
    expect(confirm.url.startsWith(`${BASE}/lists/confirm/`)).toBe(true);
    // Only the hash is stored.
    expect((await subscription(li)).confirmTokenHash).toBe(sha256(confirm.token));

    // Opening the link (as a mail scanner would) changes nothing; the button confirms, and again is harmless.
    const opened = await new Agent(h).get(confirm.path);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(`action="${confirm.path}"`);
    expect((await subscription(li)).status).toBe('pending');
    const reader = new Agent(h);
    await reader.get(`${confirm.path}?lang=zh`);
    const confirmed = await reader.post(confirm.path, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('订阅成功');
    expect((await subscription(li)).status).toBe('confirmed');
    expect((await subscription(li)).confirmedAt).toEqual(new Date(NOW));
    expect((await reader.post(confirm.path, {})).statusCode).toBe(200);

    // An English subscriber, through the API this time.
    const api = await h.app.inject({
      method: 'POST',
      url: `/api/groups/${slug}/list/subscriptions`,
      payload: { email: ana, locale: 'en' },
    });
    expect(api.statusCode).toBe(202);
    const anaLink = linkIn((await confirmMails(ana))[0]!.textBody!, 'confirm');
    expect((await new Agent(h).post(anaLink.path, {})).statusCode).toBe(200);

    // The secretariat sends an announcement: queued for both, visible per recipient.
    await deliverAll();
    mailbox.received.length = 0;
    const id = await announce(slug, { subject: 'FG-MV: meeting in May', body: 'Dear colleagues,\n\nThe next meeting is in Geneva.' });
    let report = await secretariat.get(`/groups/${slug}/announcements/${id}`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain(li);
    expect(report.body).toContain(ana);
    expect(report.body).toContain('2 recipients · 2 queued · 0 sent · 0 failed');

    expect(await deliverAll()).toEqual({ sent: 2, failed: 0 });
    const toLi = arrivedFor(li);
    const toAna = arrivedFor(ana);
    expect(toLi).toHaveLength(1);
    expect(toAna).toHaveLength(1);
    const mail = toLi[0]!;
    expect(mail.subject).toBe('FG-MV: meeting in May');
    expect(mail.text).toContain('The next meeting is in Geneva.');
    // The footer in each recipient's language, with their own unsubscribe link.
    expect(mail.text).toContain('退订：');
    expect(toAna[0]!.text).toContain('Unsubscribe: ');
    const unsubscribe = linkIn(mail.text, 'unsubscribe');
    expect(header(mail, 'List-Unsubscribe')).toBe(`<${unsubscribe.url}>`);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail, 'List-Id')).toBe(`${code} <${slug}.lists.convene.test>`);
    expect(linkIn(toAna[0]!.text, 'unsubscribe').token).not.toBe(unsubscribe.token);

    // Delivery status, as the secretariat sees it in the page and the API.
    report = await secretariat.get(`/groups/${slug}/announcements/${id}`);
    expect(report.body).toContain('2 recipients · 0 queued · 2 sent · 0 failed');
    const json = await h.app.inject({
      url: `/api/groups/${slug}/announcements/${id}`,
      headers: { authorization: `Bearer ${secretariatToken}` },
    });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ id, counts: { total: 2, sent: 2, queued: 0, failed: 0 } });
    expect(json.json().recipients).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: li, locale: 'zh', status: 'sent', attempts: 1, lastError: null })]),
    );

    // One-click unsubscribe exactly as a mail client sends it: no session, no CSRF token.
    const clicked = await oneClick(unsubscribe.path);
    expect(clicked.statusCode).toBe(200);
    expect(clicked.headers['content-type']).toContain('text/html');
    expect((await subscription(li)).status).toBe('unsubscribed');
    expect((await subscription(li)).unsubscribedAt).toEqual(new Date(NOW));
    // Idempotent, and the page of the link says so too.
    expect((await oneClick(unsubscribe.path)).statusCode).toBe(200);
    expect((await new Agent(h).get(unsubscribe.path)).body).toContain('You are unsubscribed');
    expect((await subscription(li)).status).toBe('unsubscribed');

    // The next announcement goes to Ana only, and carries the same unsubscribe link as her first one.
    mailbox.received.length = 0;
    const second = await announce(slug, { subject: 'Second news', body: 'More news.' });
    expect(await deliverAll()).toEqual({ sent: 1, failed: 0 });
    expect(arrivedFor(li)).toHaveLength(0);
    expect(arrivedFor(ana)).toHaveLength(1);
    expect(linkIn(arrivedFor(ana)[0]!.text, 'unsubscribe').token).toBe(linkIn(toAna[0]!.text, 'unsubscribe').token);
    const deliveries = await h.ctx.db.select().from(announcementDeliveries).where(eq(announcementDeliveries.announcementId, second));
    expect(deliveries).toHaveLength(1);

    // Ana's link from the first mail still works (and the page's own button does too, without a session).
    const anaPage = await new Agent(h).get(linkIn(toAna[0]!.text, 'unsubscribe').path);
    expect(anaPage.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect((await oneClick(linkIn(toAna[0]!.text, 'unsubscribe').path)).statusCode).toBe(200);
    expect((await subscription(ana)).status).toBe('unsubscribed');
  });

  it('sends an announcement once when the form or the API request comes twice', async () => {
    const { slug } = await newGroup();
    await subscribeAndConfirm(slug, `twice.${kind}@example.org`);
    const page = await secretariat.get(`/groups/${slug}/announcements/new`);
    const key = /name="_idem" value="([\w-]+)"/.exec(page.body)?.[1];
    expect(key).toBeTruthy();
    const form = { _idem: key!, subject: 'Twice?', body: 'Once.', _confirmed: '1' };
    const [first, second] = [
      await secretariat.post(`/groups/${slug}/announcements/new`, form),
      await secretariat.post(`/groups/${slug}/announcements/new`, form),
    ];
    expect(first.headers.location).toBe(second.headers.location);
    const rows = await h.ctx.db.select().from(announcements).where(eq(announcements.subject, 'Twice?'));
    expect(rows).toHaveLength(1);
    expect(await h.ctx.db.select().from(announcementDeliveries).where(eq(announcementDeliveries.announcementId, rows[0]!.id))).toHaveLength(
      1,
    );

    const token = await createApiToken(h.ctx, secretariatActor);
    const send = () =>
      h.app.inject({
        method: 'POST',
        url: `/api/groups/${slug}/announcements`,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k-${kind}` },
        payload: { subject: 'By API, twice?', body: 'Once.' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await h.ctx.db.select().from(announcements).where(eq(announcements.subject, 'By API, twice?'))).toHaveLength(1);
  });

  it('refuses an announcement without subject or text, and a bad address over the API, sending and storing nothing', async () => {
    const { slug } = await newGroup();
    await subscribeAndConfirm(slug, `empty.${kind}@example.org`);
    const before = (await h.ctx.db.select().from(announcements)).length;
    const mailsBefore = (await h.ctx.db.select().from(outbox)).length;
    const empty = await secretariat.post(`/groups/${slug}/announcements/new`, { subject: '  ', body: '' });
    expect(empty.statusCode).toBe(422);
    const token = await createApiToken(h.ctx, secretariatActor);
    const api = await h.app.inject({
      method: 'POST',
      url: `/api/groups/${slug}/announcements`,
      headers: { authorization: `Bearer ${token}` },
      payload: { subject: '', body: 'x' },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors.map((e: { field: string }) => e.field)).toContain('subject');
    const subscription = await h.app.inject({
      method: 'POST',
      url: `/api/groups/${slug}/list/subscriptions`,
      payload: { email: 'not an address' },
    });
    expect(subscription.statusCode).toBe(422);
    expect((await h.ctx.db.select().from(announcements)).length).toBe(before);
    expect((await h.ctx.db.select().from(outbox)).length).toBe(mailsBefore);
  });

  it('accepts a one-click unsubscribe sent as multipart/form-data too', async () => {
    const { slug } = await newGroup();
    const address = `multi.${kind}@example.org`;
    await subscribeAndConfirm(slug, address);
    await announce(slug, { subject: 'News', body: 'Text.' });
    const [row] = await h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'list-announcement')));
    const link = linkIn(row!.textBody!, 'unsubscribe');
    const boundary = 'x-boundary-1';
    const res = await h.app.inject({
      method: 'POST',
      url: link.path,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(200);
    expect((await subscription(address)).status).toBe('unsubscribed');
  });

  it('answers the same whether or not an address is on the list, and mails a confirmation at most every few minutes', async () => {
    const { slug } = await newGroup();
    const fresh = `fresh.${kind}@example.org`;
    const member = `member.${kind}@example.org`;
    await subscribeAndConfirm(slug, member);
    const mailsBefore = (await confirmMails(member)).length;

    const visitor = new Agent(h);
    await visitor.get(`/groups/${slug}`);
    const answer = async (address: string) => {
      const res = await visitor.post(`/groups/${slug}/list`, { email: address });
      expect(res.statusCode).toBe(200);
      return res.body.replaceAll(address, 'ADDRESS');
    };
    const forFresh = await answer(fresh);
    const forFreshAgain = await answer(fresh);
    const forMember = await answer(member);
    expect(forFresh).toContain('Check your mail');
    expect(forFreshAgain).toBe(forFresh);
    expect(forMember).toBe(forFresh);
    // Same in the API.
    const viaApi = async (address: string) => {
      const res = await h.app.inject({ method: 'POST', url: `/api/groups/${slug}/list/subscriptions`, payload: { email: address } });
      expect(res.statusCode).toBe(202);
      return res.body.replaceAll(address, 'ADDRESS');
    };
    expect(await viaApi(member)).toBe(await viaApi(fresh));

    // One confirmation for the new address despite four requests; none for the confirmed member.
    expect(await confirmMails(fresh)).toHaveLength(1);
    expect(await confirmMails(member)).toHaveLength(mailsBefore);
    expect((await subscription(member)).status).toBe('confirmed');

    // After the pause, asking again sends a new link (which works); the member still gets nothing.
    h.clock.advance(11 * 60_000);
    await answer(fresh);
    await answer(member);
    const sent = await confirmMails(fresh);
    expect(sent).toHaveLength(2);
    expect(await confirmMails(member)).toHaveLength(mailsBefore);
    expect((await new Agent(h).post(linkIn(sent[1]!.textBody!, 'confirm').path, {})).statusCode).toBe(200);
    expect((await subscription(fresh)).status).toBe('confirmed');

    // A bad address is a fixable form error.
    const bad = await visitor.post(`/groups/${slug}/list`, { email: 'not an address' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('valid e-mail address');
    // A signed-in reader finds their address filled in.
    const user = await makeUser(h.ctx);
    const signedIn = new Agent(h);
    await signedIn.login(user.email, user.password);
    expect((await signedIn.get(`/groups/${slug}/list`)).body).toContain(`value="${user.email}"`);
  });

  it('refuses expired and unknown links with a clear, localized page', async () => {
    const { slug } = await newGroup();
    const late = `late.${kind}@example.org`;
    const visitor = new Agent(h);
    await visitor.get(`/groups/${slug}?lang=zh`);
    await visitor.post(`/groups/${slug}/list`, { email: late });
    const link = linkIn((await confirmMails(late))[0]!.textBody!, 'confirm');

    h.clock.advance(7 * 86_400_000 + 60_000);
    const shown = await visitor.get(link.path);
    expect(shown.statusCode).toBe(410);
    expect(shown.body).toContain('此确认链接已过期');
    const refused = await visitor.post(link.path, {});
    expect(refused.statusCode).toBe(410);
    expect((await subscription(late)).status).toBe('pending');

    for (const path of [
      '/lists/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/lists/confirm/x',
      '/lists/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const res = await new Agent(h).get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).toContain('This link is not valid');
    }
    expect((await new Agent(h).post('/lists/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {})).statusCode).toBe(404);
    expect((await oneClick('/lists/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);

    // Confirming without the form token is refused (only the one-click unsubscribe is exempt).
    const anonymous = await h.app.inject({
      method: 'POST',
      url: link.path,
      payload: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anonymous.statusCode).toBe(403);

    // Asking again restarts the seven days.
    await visitor.post(`/groups/${slug}/list`, { email: late });
    const renewed = linkIn((await confirmMails(late)).at(-1)!.textBody!, 'confirm');
    expect(renewed.token).not.toBe(link.token);
    expect((await visitor.post(link.path, {})).statusCode).toBe(404);
    expect((await visitor.post(renewed.path, {})).statusCode).toBe(200);
    expect((await subscription(late)).status).toBe('confirmed');

    // An unsubscribed person's old confirmation link does not subscribe them again.
    await announce(slug, { subject: 'x', body: 'y' });
    const [row] = await h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, late), eq(outbox.kind, 'list-announcement')));
    expect((await oneClick(linkIn(row!.textBody!, 'unsubscribe').path)).statusCode).toBe(200);
    expect((await visitor.post(renewed.path, {})).statusCode).toBe(404);
    expect((await subscription(late)).status).toBe('unsubscribed');
  });

  it('keeps sending and recipients to the secretariat, and archives announcements publicly without them', async () => {
    const { slug } = await newGroup();
    const subscriber = `secret.subscriber.${kind}@example.org`;
    await subscribeAndConfirm(slug, subscriber);
    const user = await makeUser(h.ctx);
    const participant = new Agent(h);
    await participant.login(user.email, user.password);
    const participantToken = await createApiToken(h.ctx, user);
    const count = async () => (await h.ctx.db.select().from(announcements)).length;
    const before = await count();

    // A participant: forbidden everywhere, nothing sent.
    expect((await participant.get(`/groups/${slug}/announcements/new`)).statusCode).toBe(403);
    expect((await participant.post(`/groups/${slug}/announcements/new`, { subject: 'Spam', body: 'Spam' })).statusCode).toBe(403);
    expect((await participant.get(`/groups/${slug}/list/subscribers`)).statusCode).toBe(403);
    expect((await participant.get(`/groups/${slug}/list/subscribers.csv`)).statusCode).toBe(403);
    const apiPost = await h.app.inject({
      method: 'POST',
      url: `/api/groups/${slug}/announcements`,
      payload: { subject: 'Spam', body: 'Spam' },
      headers: { authorization: `Bearer ${participantToken}` },
    });
    expect(apiPost.statusCode).toBe(403);
    // Anonymous: sent to log in on pages, 401 on the API.
    const anonymous = new Agent(h);
    expect((await anonymous.get(`/groups/${slug}/announcements/new`)).statusCode).toBe(303);
    expect((await anonymous.post(`/groups/${slug}/announcements/new`, { subject: 'Spam', body: 'Spam' })).statusCode).toBe(303);
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/groups/${slug}/announcements`, payload: { subject: 'Spam', body: 'Spam' } }))
        .statusCode,
    ).toBe(401);
    expect(await count()).toBe(before);

    // The secretariat sends by the API.
    const sent = await h.app.inject({
      method: 'POST',
      url: `/api/groups/${slug}/announcements`,
      payload: { subject: 'Call for contributions', body: 'Please send your contributions.' },
      headers: { authorization: `Bearer ${secretariatToken}` },
    });
    expect(sent.statusCode).toBe(201);
    const { id, recipients } = sent.json() as { id: number; recipients: number };
    expect(recipients).toBe(1);

    // Recipients: secretariat only.
    expect((await participant.get(`/groups/${slug}/announcements/${id}`)).statusCode).toBe(403);
    expect((await anonymous.get(`/groups/${slug}/announcements/${id}`)).statusCode).toBe(303);
    expect(
      (await h.app.inject({ url: `/api/groups/${slug}/announcements/${id}`, headers: { authorization: `Bearer ${participantToken}` } }))
        .statusCode,
    ).toBe(403);
    expect((await h.app.inject({ url: `/api/groups/${slug}/announcements/${id}` })).statusCode).toBe(401);
    // Another group's announcement is not found under this one.
    expect((await secretariat.get(`/groups/fg-mv/announcements/${id}`)).statusCode).toBe(404);

    // The archive: on the group page and its own public page, with no recipient.
    const groupPage = await anonymous.get(`/groups/${slug}`);
    expect(groupPage.body).toContain(`href="/groups/${slug}/announcements/${id}/view"`);
    expect(groupPage.body).toContain('Call for contributions');
    expect(groupPage.body).not.toContain(subscriber);
    expect(groupPage.body).not.toContain('/list/subscribers');
    const view = await anonymous.get(`/groups/${slug}/announcements/${id}/view`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Please send your contributions.');
    expect(view.body).not.toContain(subscriber);
    const archive = await h.app.inject({ url: `/api/groups/${slug}/announcements` });
    expect(archive.json()).toEqual([
      expect.objectContaining({ id, subject: 'Call for contributions', url: `${BASE}/groups/${slug}/announcements/${id}/view` }),
    ]);
    expect(archive.body).not.toContain(subscriber);

    // The secretariat's group page links to the subscribers, with counts.
    expect((await secretariat.get(`/groups/${slug}`)).body).toContain('Pending: 0 · Confirmed: 1 · Unsubscribed: 0');

    // Subscribers and the CSV export, with formula-looking cells neutralised.
    await h.app.inject({ method: 'POST', url: `/api/groups/${slug}/list/subscriptions`, payload: { email: `-cmd.${kind}@example.org` } });
    const list = await secretariat.get(`/groups/${slug}/list/subscribers`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(subscriber);
    expect(list.body).toContain('Pending: 1 · Confirmed: 1 · Unsubscribed: 0');
    const csv = await secretariat.get(`/groups/${slug}/list/subscribers.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body).toContain(`'-cmd.${kind}@example.org`);
    expect(csv.body).toContain(`${subscriber},en,confirmed`);
  });

  it("attaches the meeting's circular as PDF in each recipient's language, rendered once per language, and shows failures", async () => {
    const { slug, meetingId } = await newGroup();
    const [bureau] = await h.ctx.db
      .insert(bureaus)
      .values({ code: `TB-${kind}-${meetingId}` })
      .returning();
    const [circular] = await h.ctx.db
      .insert(circulars)
      .values({ meetingId, bureauId: bureau!.id, number: 90, version: 1, issuedOn: '2023-04-06', facts: {} as never })
      .returning();
    const zh1 = `zh1.${kind}@example.org`;
    const zh2 = `zh2.${kind}@example.org`;
    const en = `en.${kind}@example.org`;
    const bounce = `bounce.${kind}@example.org`;
    await subscribeAndConfirm(slug, zh1, 'zh');
    await subscribeAndConfirm(slug, zh2, 'zh');
    await subscribeAndConfirm(slug, en, 'en');
    await subscribeAndConfirm(slug, bounce, 'en');
    await deliverAll();
    mailbox.received.length = 0;

    // Without an issued circular, or without a meeting, the form explains.
    const noCircular = await secretariat.post(`/groups/${slug}/announcements/new`, {
      subject: 'S',
      body: 'B',
      meetingId: String(meetingId),
      attachCircular: 'on',
    });
    expect(noCircular.statusCode).toBe(422);
    expect(noCircular.body).toContain('This meeting has no issued circular to attach.');
    circularStub.byMeeting.set(meetingId, circular!.id);
    const noMeeting = await secretariat.post(`/groups/${slug}/announcements/new`, { subject: 'S', body: 'B', attachCircular: 'on' });
    expect(noMeeting.statusCode).toBe(422);
    expect(noMeeting.body).toContain('Choose the meeting whose circular to attach.');
    expect((await secretariat.get(`/groups/${slug}/announcements/new`)).body).toContain('name="attachCircular"');

    const id = await announce(slug, {
      subject: 'Circular 90',
      body: 'Please find the circular attached.',
      meetingId: String(meetingId),
      attachCircular: 'on',
    });
    expect(circularStub.renders.sort()).toEqual([`${circular!.id}:en`, `${circular!.id}:zh`]);
    const rows = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'list-announcement'));
    const mine = rows.filter((r) => [zh1, zh2, en, bounce].includes(r.toAddress));
    expect(mine).toHaveLength(4);
    // By hash: the outbox holds no PDF bytes.
    for (const r of mine)
      expect(r.attachments).toEqual([expect.objectContaining({ content: '', file: expect.stringMatching(/^[0-9a-f]{64}$/) })]);

    expect(await deliverAll()).toEqual({ sent: 3, failed: 1 });
    for (const [address, locale] of [
      [zh1, 'zh'],
      [zh2, 'zh'],
      [en, 'en'],
    ] as const) {
      const [mail] = arrivedFor(address);
      expect(mail?.attachments).toHaveLength(1);
      const pdf = mail!.attachments[0]!;
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.filename).toBe(`circular-${circular!.id}-${locale}.pdf`);
      expect(pdf.content.toString()).toBe(pdfFor(circular!.id, locale));
    }
    const [stored] = await h.ctx.db.select().from(announcements).where(eq(announcements.id, id));
    expect(stored).toMatchObject({ circularId: circular!.id, meetingId });

    // The refused recipient shows as failed, with the server's answer, to the secretariat.
    const report = await secretariat.get(`/groups/${slug}/announcements/${id}`);
    expect(report.body).toContain('4 recipients · 0 queued · 3 sent · 1 failed');
    expect(report.body).toContain('No such user');
    const json = (
      await h.app.inject({ url: `/api/groups/${slug}/announcements/${id}`, headers: { authorization: `Bearer ${secretariatToken}` } })
    ).json();
    expect(json.recipients.find((r: { email: string }) => r.email === bounce)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it("renders the demo's Circular 90 through the real circulars module, one PDF per language, into the file store", async () => {
    const real = await vi.importActual<typeof import('../src/modules/mailing-lists/circular-attachment.ts')>(
      '../src/modules/mailing-lists/circular-attachment.ts',
    );
    const [may2023] = await h.ctx.db
      .select()
      .from(meetings)
      .where(eq(meetings.groupId, (await findGroup(h.ctx, 'FG-MV')).id))
      .orderBy(meetings.id)
      .limit(1);
    const circular = await real.issuedCircularOf(h.ctx, may2023!.id);
    expect(circular).not.toBeNull();
    const en = await real.circularAttachment(h.ctx, circular!.id, 'en');
    const zh = await real.circularAttachment(h.ctx, circular!.id, 'zh');
    expect(en).toMatchObject({ contentType: 'application/pdf', content: '', filename: expect.stringMatching(/-en\.pdf$/) });
    expect(zh.filename).toMatch(/-zh\.pdf$/);
    expect(zh.file).not.toBe(en.file);
    for (const a of [en, zh]) expect((await h.ctx.files.read(a.file!, 0, 5)).toString()).toBe('%PDF-');
  }, 60_000);

  it('sends outbox mails with extra headers and file-store attachments, and fails for good on a missing file', async () => {
    await deliverAll();
    const to = `worker.${kind}@example.org`;
    const stored = await h.ctx.files.putBuffer(Buffer.from('%PDF-1.4 stored\n'));
    await queueMail(h.ctx.db, {
      kind: 'test',
      to,
      subject: 'With headers',
      text: 'Body',
      headers: { 'X-Convene-Test': 'yes' },
      attachments: [fileAttachment('a.pdf', 'application/pdf', stored.hash)],
    });
    const missing = `missing.${kind}@example.org`;
    await queueMail(h.ctx.db, {
      kind: 'test',
      to: missing,
      subject: 'Gone',
      text: 'Body',
      attachments: [fileAttachment('b.pdf', 'application/pdf', 'f'.repeat(64))],
    });
    mailbox.received.length = 0;
    expect(await deliverAll()).toEqual({ sent: 1, failed: 1 });
    const [mail] = arrivedFor(to);
    expect(header(mail!, 'X-Convene-Test')).toBe('yes');
    expect(mail!.attachments[0]!.content.toString()).toBe('%PDF-1.4 stored\n');
    const [gone] = await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, missing));
    expect(gone).toMatchObject({ status: 'failed', attempts: 1 });
    expect(gone!.lastError).toContain('no stored file');

    // A header value cannot smuggle in headers of its own.
    await expect(
      queueMail(h.ctx.db, { kind: 'test', to, subject: 's', text: 't', headers: { 'X-Bad': 'a\r\nBcc: victim@example.org' } }),
    ).rejects.toThrow(/invalid mail header/);
  });
});
