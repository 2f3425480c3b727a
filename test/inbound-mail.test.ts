import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTransport, type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPreferredLanguage } from '../src/modules/accounts/own-profile.ts';
import { receiveContribution } from '../src/modules/documents/inbound/receiving.ts';
import { type InboundSmtp, startInboundSmtp } from '../src/modules/documents/inbound/smtp-listener.ts';
import { listMeetingDocuments } from '../src/modules/documents/listing.ts';
import { documents, inboundMailLog, inboundSubmissions } from '../src/modules/documents/schema.ts';
import { groups } from '../src/modules/groups/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { deliverDueMails, smtpTransport } from '../src/platform/mail/worker.ts';
import { Agent } from './support/agent.ts';
import { docxWith, pdfBytes } from './support/documents.ts';
import { buildMeeting, type Person, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, makeUser, startHarness, testConfig } from './support/harness.ts';
import { startMailbox } from './support/mailbox.ts';

const ADDRESS = 'contrib@fgmv.example';
const NOW = '2023-04-20T08:00:00Z';
const MAX_MAIL_BYTES = 300_000;
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.each(databaseKinds)('contributions by e-mail (%s)', (kind) => {
  let h: Harness;
  let listener: InboundSmtp;
  let secretariat: Agent;
  let groupId: number;
  /** FG-MV's only meeting: 9–10 May 2023 (WG5 both days, WG6 the first), contributions due on 2 May. */
  let MEETING_ID: number;
  let staff: Person;

  beforeAll(async () => {
    h = await startHarness(kind, NOW);
    MEETING_ID = (
      await buildMeeting(h.ctx, {
        group: { code: 'FG-MV', subgroups: ['WG5', 'WG6'] },
        sessions: [
          { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
          { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
        ],
        deadlines: { contributions: '2023-05-02' },
      })
    ).id;
    staff = await secretariatOf(h.ctx);
    // Stored with capitals: recipients match whatever their case.
    const [group] = await h.ctx.db
      .update(groups)
      .set({ contributionEmail: 'Contrib@FGMV.example' })
      .where(eq(groups.code, 'FG-MV'))
      .returning();
    groupId = group!.id;
    listener = await startInboundSmtp(h.ctx, { port: 0, host: '127.0.0.1', maxBytes: MAX_MAIL_BYTES });
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
  });
  afterAll(async () => {
    await listener?.close();
    await h?.close();
  });

  const send = (mail: SendMailOptions, port = listener.port) =>
    createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
      to: ADDRESS,
      text: 'Please find my contribution attached.',
      ...mail,
    });
  const repliesTo = (address: string) =>
    h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, address), eq(outbox.kind, 'inbound-reply')))
      .orderBy(outbox.id);
  const onlyReplyTo = async (address: string) => {
    const replies = await repliesTo(address);
    expect(replies).toHaveLength(1);
    return replies[0]!;
  };
  const counts = async () => ({
    documents: (await h.ctx.db.select({ id: documents.id }).from(documents)).length,
    inbound: (await h.ctx.db.select({ id: inboundSubmissions.id }).from(inboundSubmissions)).length,
  });
  const pendingFrom = async (address: string) => {
    const [row] = await h.ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.fromAddress, address));
    expect(row?.status).toBe('pending');
    return row!;
  };
  const participant = async () => {
    const user = await makeUser(h.ctx, { category: 'member-state' });
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    return { user, agent };
  };

  it("numbers a known account's mailed contribution and replies with the number and the link to complete it", async () => {
    const user = await makeUser(h.ctx, { givenName: 'Li', familyName: 'Wei', category: 'member-state' });
    const file = await docxWith(['Avatars that travel between virtual worlds.']);
    const info = await send({
      from: `Li Wei <${user.email.toUpperCase()}>`,
      subject: 'Re: Fwd: [WG5] Avatar interoperability',
      attachments: [{ filename: 'avatars.docx', content: file }],
      references: ['<earlier@example.org>'],
    });
    expect(info.accepted).toEqual([ADDRESS]);

    const listed = await listMeetingDocuments(h.ctx, null, MEETING_ID);
    const doc = listed.find((d) => d.title === 'Avatar interoperability')!;
    expect(doc.number).toMatch(/^FGMV-I-\d{3}$/);
    expect(doc.needsDetails).toBe(true);
    expect(doc.workingGroups).toEqual(['WG5']);
    const [row] = await h.ctx.db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row).toMatchObject({
      ownerId: user.id,
      submittedVia: 'email',
      contacts: [{ name: 'Li Wei', organization: '', email: user.email }],
    });
    expect(await h.ctx.files.has(sha256(file))).toBe(true);

    const reply = await onlyReplyTo(user.email);
    const link = `https://convene.test/documents/${doc.number}/edit`;
    expect(reply.subject).toContain(doc.number);
    expect(reply.textBody).toContain(link);
    expect(reply.textBody).not.toMatch(/[\u4e00-\u9fff]/);

    // The reply really goes out by mail.
    const mailbox = await startMailbox();
    try {
      const transport = smtpTransport(mailbox.url);
      while ((await deliverDueMails(h.ctx, transport)).sent > 0);
      const arrived = mailbox.received.find((m) => m.subject?.includes(doc.number));
      expect(arrived?.text).toContain(link);
      expect([arrived?.to].flat().flatMap((a) => a?.value.map((v) => v.address))).toEqual([user.email]);
      // Marked as an automatic answer (RFC 3834) and threaded under the mail it answers.
      expect(arrived?.headers.get('auto-submitted')).toBe('auto-replied');
      expect(arrived?.inReplyTo).toBe(info.messageId);
      expect(arrived?.references).toEqual(['<earlier@example.org>', info.messageId]);
    } finally {
      await mailbox.close();
    }
  });

  it('replies in English and Chinese to an account that prefers Chinese, and ignores images inside the text', async () => {
    const user = await makeUser(h.ctx, { category: 'academia' });
    await setPreferredLanguage(h.ctx, user, 'zh');
    await send({
      from: user.email,
      subject: '元宇宙互操作性',
      html: '<p>See attached.</p><img src="cid:logo@example">',
      attachments: [
        { filename: 'logo.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), cid: 'logo@example' },
        { filename: 'interop.pdf', content: pdfBytes('interop') },
      ],
    });
    const doc = (await listMeetingDocuments(h.ctx, null, MEETING_ID)).find((d) => d.title === '元宇宙互操作性');
    expect(doc?.number).toMatch(/^FGMV-I-\d{3}$/);
    const reply = await onlyReplyTo(user.email);
    expect(reply.textBody).toContain('Please complete its details');
    expect(reply.textBody).toContain('请在此补全其详细信息');
  });

  it("queues an unknown sender's contribution for the secretariat, who accepts it from the console", async () => {
    const stranger = 'jane.stranger@elsewhere.example';
    const file = pdfBytes('stranger');
    await send({
      from: `Jane Stranger <${stranger}>`,
      subject: 'Haptics in [WG5] shared spaces',
      attachments: [{ filename: 'haptics.pdf', content: file }],
    });
    const row = await pendingFrom(stranger);
    expect(row).toMatchObject({
      groupId,
      meetingId: MEETING_ID,
      fromName: 'Jane Stranger',
      filename: 'haptics.pdf',
      mediaType: 'application/pdf',
      fileHash: sha256(file),
    });
    expect((await listMeetingDocuments(h.ctx, null, MEETING_ID)).some((d) => d.title.includes('Haptics'))).toBe(false);
    const queued = await onlyReplyTo(stranger);
    expect(queued.textBody).toContain('waiting for the secretariat');
    // No account: the reply repeats nothing of the mail (a forged sender would get someone else's words).
    for (const echoed of ['Haptics', 'haptics.pdf']) expect(`${queued.subject} ${queued.textBody}`).not.toContain(echoed);
    expect(queued.headers).toMatchObject({ 'Auto-Submitted': 'auto-replied' });

    const page = await secretariat.get('/console/inbound');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Haptics in [WG5] shared spaces');
    expect(page.body).toContain(`/console/inbound/${row.id}/accept`);
    const download = await secretariat.get(`/console/inbound/${row.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(file)).toBe(true);

    const accepted = await secretariat.post(`/console/inbound/${row.id}/accept`, { meetingId: String(MEETING_ID), title: '' });
    expect(accepted.statusCode).toBe(303);
    const number = new URL(accepted.headers.location!, 'http://x').searchParams.get('accepted')!;
    expect(number).toMatch(/^FGMV-I-\d{3}$/);
    const [doc] = await h.ctx.db.select().from(documents).where(eq(documents.number, number));
    const secretariatId = staff.id;
    expect(doc).toMatchObject({
      title: 'Haptics in shared spaces',
      workingGroups: ['WG5'],
      sources: ['Jane Stranger'],
      contacts: [{ name: 'Jane Stranger', organization: '', email: stranger }],
      ownerId: secretariatId,
      meetingId: MEETING_ID,
      submittedVia: 'email',
    });
    const [decided] = await h.ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.id, row.id));
    expect(decided).toMatchObject({ status: 'accepted', documentId: doc!.id, decidedBy: secretariatId });
    const replies = await repliesTo(stranger);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.textBody).toContain(`https://convene.test/documents/${number}`);
    expect(`${replies[1]!.subject} ${replies[1]!.textBody}`).not.toContain('Haptics');
    expect(replies[1]!.headers).toMatchObject({ 'Auto-Submitted': 'auto-replied', 'In-Reply-To': row.messageId });
    expect(row.messageId).toMatch(/^<.+@.+>$/);

    const after = await secretariat.get(accepted.headers.location!);
    expect(after.body).toContain(number);
    expect(after.body).not.toContain(`/console/inbound/${row.id}/accept`);

    // Deciding twice is refused, and makes no second document.
    const again = await secretariat.post(`/console/inbound/${row.id}/accept`, { meetingId: String(MEETING_ID), title: '' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been accepted or rejected');
    expect((await h.ctx.db.select().from(documents).where(eq(documents.title, 'Haptics in shared spaces'))).length).toBe(1);
    expect((await secretariat.post(`/console/inbound/${row.id}/reject`, { reason: 'Too late' })).statusCode).toBe(409);
  });

  it('lets the secretariat reject a queued mail with a reason: the sender is told and the file is deleted', async () => {
    const stranger = 'spam.sender@elsewhere.example';
    const file = pdfBytes('unsolicited');
    await send({ from: stranger, subject: 'Buy now', attachments: [{ filename: 'offer.pdf', content: file }] });
    const row = await pendingFrom(stranger);
    expect(await h.ctx.files.has(sha256(file))).toBe(true);

    const empty = await secretariat.post(`/console/inbound/${row.id}/reject`, { reason: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(`f-reason-${row.id}`);
    expect((await pendingFrom(stranger)).status).toBe('pending');

    const rejected = await secretariat.post(`/console/inbound/${row.id}/reject`, { reason: 'Not a contribution to this group.' });
    expect(rejected.statusCode).toBe(303);
    const [decided] = await h.ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.id, row.id));
    expect(decided?.status).toBe('rejected');
    expect(decided?.documentId).toBeNull();
    expect(await h.ctx.files.has(sha256(file))).toBe(false);
    // Its file is gone with it: the queue's link answers 404, not an error of the server.
    expect((await secretariat.get(`/console/inbound/${row.id}/file`)).statusCode).toBe(404);
    const replies = await repliesTo(stranger);
    expect(replies).toHaveLength(2);
    expect(replies[1]!.textBody).toContain('Reason: Not a contribution to this group.');
    expect(`${replies[1]!.subject} ${replies[1]!.textBody}`).not.toContain('Buy now');
    expect((await secretariat.post(`/console/inbound/${row.id}/accept`, { meetingId: String(MEETING_ID) })).statusCode).toBe(409);
  });

  it('does not let a participant see or decide the queue', async () => {
    const stranger = 'waiting@elsewhere.example';
    await send({ from: stranger, subject: 'Waiting', attachments: [{ filename: 'w.pdf', content: pdfBytes('waiting') }] });
    const row = await pendingFrom(stranger);
    const { agent } = await participant();
    expect((await agent.get('/console/inbound')).statusCode).toBe(403);
    expect((await agent.get(`/console/inbound/${row.id}/file`)).statusCode).toBe(403);
    expect((await agent.post(`/console/inbound/${row.id}/accept`, { meetingId: String(MEETING_ID), title: 'Mine now' })).statusCode).toBe(
      403,
    );
    expect((await agent.post(`/console/inbound/${row.id}/reject`, { reason: 'No' })).statusCode).toBe(403);
    expect((await pendingFrom(stranger)).status).toBe('pending');
    const anonymous = await h.app.inject({ url: '/console/inbound' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fconsole%2Finbound');
    expect(await repliesTo(stranger)).toHaveLength(1);
  });

  it('answers a mail without attachment with an error and stores nothing', async () => {
    const user = await makeUser(h.ctx);
    const before = await counts();
    await send({ from: user.email, subject: 'Forgot the file' });
    expect(await counts()).toEqual(before);
    const reply = await onlyReplyTo(user.email);
    expect(reply.subject).not.toContain('Forgot the file');
    expect(reply.textBody).toContain('The mail has no attachment');
  });

  it.each([
    ['an executable', 'tool.exe', 'This type of file is not accepted', '.docx, .pdf, .pptx, .xlsx or .zip'],
    ['an executable named .docx', 'proposal.docx', 'content does not match its extension', 'Save it again'],
  ])('answers %s with an error and keeps no file', async (_what, filename, reason, advice) => {
    const user = await makeUser(h.ctx);
    const stranger = `someone-${filename}@elsewhere.example`;
    const before = await counts();
    for (const from of [user.email, stranger]) await send({ from, subject: 'My tool', attachments: [{ filename, content: EXE }] });
    expect(await counts()).toEqual(before);
    expect(await h.ctx.files.has(sha256(EXE))).toBe(false);
    for (const to of [user.email, stranger]) {
      const reply = await onlyReplyTo(to);
      expect(reply.textBody).toContain(reason);
      expect(reply.textBody).toContain(advice);
    }
  });

  it('answers a mail with two attachments with an error and stores nothing', async () => {
    const user = await makeUser(h.ctx);
    const before = await counts();
    const first = pdfBytes('first of two');
    await send({
      from: user.email,
      subject: 'Two files',
      attachments: [
        { filename: 'a.pdf', content: first },
        { filename: 'b.pdf', content: pdfBytes('second') },
      ],
    });
    expect(await counts()).toEqual(before);
    expect(await h.ctx.files.has(sha256(first))).toBe(false);
    expect((await onlyReplyTo(user.email)).textBody).toContain('more than one attachment');
  });

  it('refuses a mail for an address that is no contribution address at RCPT', async () => {
    const user = await makeUser(h.ctx);
    const error = await send({
      from: user.email,
      to: 'someone-else@fgmv.example',
      subject: 'Lost',
      attachments: [{ filename: 'x.pdf', content: pdfBytes() }],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ responseCode: 550 });
    expect(await repliesTo(user.email)).toHaveLength(0);
    expect(await h.ctx.db.select().from(inboundMailLog).where(eq(inboundMailLog.fromAddress, user.email))).toHaveLength(0);
  });

  it('refuses a mail over the size limit', async () => {
    const user = await makeUser(h.ctx);
    const before = await counts();
    const big = Buffer.concat([pdfBytes('big'), Buffer.alloc(MAX_MAIL_BYTES, 0x41)]);
    const error = await send({ from: user.email, subject: 'Huge', attachments: [{ filename: 'huge.pdf', content: big }] }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await counts()).toEqual(before);
    expect(await h.ctx.files.has(sha256(big))).toBe(false);
    // Just under the limit goes through.
    await send({
      from: user.email,
      subject: 'Large',
      attachments: [{ filename: 'large.pdf', content: Buffer.concat([pdfBytes('large'), Buffer.alloc(150_000, 0x41)]) }],
    });
    expect((await counts()).documents).toBe(before.documents + 1);
  });

  it('refuses contributions once the deadline has passed when the meeting refuses late ones', async () => {
    const user = await makeUser(h.ctx);
    await h.ctx.db.update(meetings).set({ lateContributions: 'refuse' }).where(eq(meetings.id, MEETING_ID));
    h.clock.set('2023-05-05T08:00:00Z');
    try {
      const before = await counts();
      const file = pdfBytes('too late');
      for (const from of [user.email, 'late.stranger@elsewhere.example'])
        await send({ from, subject: 'Late', attachments: [{ filename: 'late.pdf', content: file }] });
      expect(await counts()).toEqual(before);
      expect(await h.ctx.files.has(sha256(file))).toBe(false);
      expect((await onlyReplyTo(user.email)).textBody).toContain('contribution deadline');
      expect((await onlyReplyTo('late.stranger@elsewhere.example')).textBody).toContain('contribution deadline');
    } finally {
      h.clock.set(NOW);
      await h.ctx.db.update(meetings).set({ lateContributions: 'flag' }).where(eq(meetings.id, MEETING_ID));
    }
  });

  it('refuses when the group has no upcoming meeting', async () => {
    const user = await makeUser(h.ctx);
    h.clock.set('2023-05-11T08:00:00Z');
    try {
      await send({ from: user.email, subject: 'After the meeting', attachments: [{ filename: 'after.pdf', content: pdfBytes('after') }] });
      expect((await onlyReplyTo(user.email)).textBody).toContain('no upcoming meeting');
    } finally {
      h.clock.set(NOW);
    }
  });

  it('answers a mail to no group with an error (the service, behind the RCPT check)', async () => {
    const outcome = await receiveContribution(h.ctx, {
      from: 'lost@elsewhere.example',
      to: ['nobody@fgmv.example'],
      subject: 'Lost',
      attachments: [],
      senderCheck: 'aligned',
    });
    expect(outcome).toEqual({ kind: 'rejected', reason: 'unknown-address' });
    expect((await onlyReplyTo('lost@elsewhere.example')).textBody).toContain('No group takes contributions at this address');
    // Unless told otherwise, the service believes no From address, and answers none.
    expect(
      await receiveContribution(h.ctx, { from: 'lost2@elsewhere.example', to: ['nobody@fgmv.example'], subject: 'Lost', attachments: [] }),
    ).toEqual(outcome);
    expect(await repliesTo('lost2@elsewhere.example')).toHaveLength(0);
  });

  it('takes 20 mails an hour from one sender; the 21st is refused with 451 4.7.1 before DATA and leaves nothing', async () => {
    expect(testConfig().inboundRatePerHour).toBe(20);
    const user = await makeUser(h.ctx);
    try {
      for (let i = 1; i <= 20; i++) expect((await send({ from: user.email, subject: `Mail ${i}` })).accepted).toEqual([ADDRESS]);
      expect(await repliesTo(user.email)).toHaveLength(20);
      const before = await counts();
      const file = pdfBytes('the twenty-first');
      const error = await send({ from: user.email, subject: 'Mail 21', attachments: [{ filename: '21.pdf', content: file }] }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ responseCode: 451 });
      expect(String((error as Error).message)).toContain('4.7.1');
      expect(await counts()).toEqual(before);
      expect(await repliesTo(user.email)).toHaveLength(20);
      expect(await h.ctx.files.has(sha256(file))).toBe(false);
      const log = await h.ctx.db.select().from(inboundMailLog).where(eq(inboundMailLog.fromAddress, user.email));
      expect(log).toHaveLength(20);
      expect(log.every((l) => l.outcome === 'rejected:no-attachment')).toBe(true);

      // Another sender is not held back, and an hour later this one is heard again.
      await send({ from: 'calm@elsewhere.example', subject: 'Hello' });
      expect(await repliesTo('calm@elsewhere.example')).toHaveLength(1);
      h.clock.advance(3_600_000);
      await send({ from: user.email, subject: 'Mail 22' });
      expect(await repliesTo(user.email)).toHaveLength(21);
    } finally {
      h.clock.set(NOW);
    }
  });

  it('counts only accepted mail toward the limit', async () => {
    const limited = await startInboundSmtp(
      { ...h.ctx, config: testConfig({ INBOUND_RATE_PER_HOUR: '2' }) },
      { port: 0, host: '127.0.0.1', maxBytes: MAX_MAIL_BYTES },
    );
    try {
      const busy = 'busy@elsewhere.example';
      // Refused attempts — too large (552), to no contribution address (550) — take no slot.
      const big = Buffer.concat([pdfBytes('big'), Buffer.alloc(MAX_MAIL_BYTES, 0x41)]);
      expect(
        await send({ from: busy, subject: 'Huge', attachments: [{ filename: 'huge.pdf', content: big }] }, limited.port).catch(
          (e: unknown) => e,
        ),
      ).toMatchObject({ responseCode: 552 });
      expect(await send({ from: busy, to: 'nobody@fgmv.example', subject: 'Lost' }, limited.port).catch((e: unknown) => e)).toMatchObject({
        responseCode: 550,
      });
      for (let i = 1; i <= 2; i++) expect((await send({ from: busy, subject: `Mail ${i}` }, limited.port)).accepted).toEqual([ADDRESS]);
      expect(await send({ from: busy, subject: 'Mail 3' }, limited.port).catch((e: unknown) => e)).toMatchObject({ responseCode: 451 });
      // …nor does the refusal itself: the count stays at the two accepted mails.
      expect(await send({ from: busy, subject: 'Mail 4' }, limited.port).catch((e: unknown) => e)).toMatchObject({ responseCode: 451 });
      const log = await h.ctx.db.select().from(inboundMailLog).where(eq(inboundMailLog.fromAddress, busy));
      expect(log.map((l) => l.outcome)).toEqual(['rejected:no-attachment', 'rejected:no-attachment']);
    } finally {
      await limited.close();
    }
  });

  it('never answers bounces, auto-replies or list mail (RFC 3834), and does not take a bounce as a contribution', async () => {
    const user = await makeUser(h.ctx);
    const before = await counts();
    await send({ from: user.email, subject: 'Out of office', headers: { 'Auto-Submitted': 'auto-replied' } });
    await send({ from: user.email, subject: 'Newsletter', headers: { Precedence: 'bulk' } });
    await send({ from: user.email, subject: '[list] Digest', headers: { 'List-Id': 'Some list <some.list.example>' } });
    // A delivery report: null envelope sender, with the returned message and even a document attached.
    const bounce = await send({
      envelope: { from: '', to: [ADDRESS] },
      from: `Mail Delivery System <MAILER-DAEMON@mx.elsewhere.example>`,
      subject: 'Undelivered Mail Returned to Sender',
      attachments: [{ filename: 'returned.pdf', content: pdfBytes('returned') }],
    });
    expect(bounce.accepted).toEqual([ADDRESS]);
    expect(await counts()).toEqual(before);
    expect(await repliesTo(user.email)).toHaveLength(0);
    expect(await repliesTo('mailer-daemon@mx.elsewhere.example')).toHaveLength(0);
    const log = await h.ctx.db.select().from(inboundMailLog).where(eq(inboundMailLog.fromAddress, '<>'));
    expect(log.map((l) => l.outcome)).toEqual(['ignored:bounce']);
    // A program's mail from an account with a document is still numbered — only not answered.
    await send({
      from: user.email,
      subject: 'Auto-forwarded paper',
      headers: { 'Auto-Submitted': 'auto-generated' },
      attachments: [{ filename: 'auto.pdf', content: pdfBytes('auto') }],
    });
    expect((await counts()).documents).toBe(before.documents + 1);
    expect(await repliesTo(user.email)).toHaveLength(0);
  });

  it('takes the title from the subject without Re:/Fwd: prefixes', async () => {
    const user = await makeUser(h.ctx);
    await send({
      from: user.email,
      subject: 'RE: AW: [WG6] Haptic gloves',
      attachments: [{ filename: 'gloves.pdf', content: pdfBytes('gloves') }],
    });
    const doc = (await listMeetingDocuments(h.ctx, null, MEETING_ID)).find((d) => d.title === 'Haptic gloves');
    expect(doc?.workingGroups).toEqual(['WG6']);
  });

  it('does not believe a From header the envelope does not agree with: queued unverified, nobody answered or told', async () => {
    const victim = await makeUser(h.ctx, { category: 'member-state' });
    const before = await counts();
    const file = pdfBytes('forged');
    // Someone else writes the account's address in From, with their own envelope sender.
    await send({
      envelope: { from: 'spammer@evil.example', to: [ADDRESS] },
      from: victim.email,
      subject: 'Cheap watches',
      attachments: [{ filename: 'offer.pdf', content: file }],
    });
    expect((await counts()).documents).toBe(before.documents);
    const row = await pendingFrom(victim.email);
    expect(row).toMatchObject({ senderVerified: false, subject: 'Cheap watches' });
    expect(await repliesTo(victim.email)).toHaveLength(0);
    expect(await repliesTo('spammer@evil.example')).toHaveLength(0);
    // Refusals are not answered either (no backscatter), and store nothing.
    await send({ envelope: { from: 'spammer@evil.example', to: [ADDRESS] }, from: victim.email, subject: 'No file' });
    expect(await repliesTo(victim.email)).toHaveLength(0);

    const page = await secretariat.get('/console/inbound');
    expect(page.body).toContain('Sender not verified');
    const accepted = await secretariat.post(`/console/inbound/${row.id}/accept`, {
      meetingId: String(MEETING_ID),
      title: 'A real paper after all',
    });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toContain('told=0');
    expect((await secretariat.get(accepted.headers.location!)).body).toContain('was not told');
    expect(await repliesTo(victim.email)).toHaveLength(0);
  });

  it('with a trusted relay configured, believes its topmost DMARC verdict only', async () => {
    const relayed = await startInboundSmtp(
      { ...h.ctx, config: testConfig({ INBOUND_TRUSTED_AUTHSERV_IDS: 'relay.fgmv.example' }) },
      { port: 0, host: '127.0.0.1', maxBytes: MAX_MAIL_BYTES },
    );
    try {
      const user = await makeUser(h.ctx, { category: 'member-state' });
      const domain = user.email.split('@')[1]!;
      const pass = `relay.fgmv.example; spf=pass smtp.mailfrom=${domain}; dmarc=pass (p=reject) header.from=${domain}`;
      const fail = `relay.fgmv.example; dmarc=fail (p=reject) header.from=${domain}`;
      // DMARC passed: numbered and answered, though the envelope (a bounce address of the sender's provider) differs.
      await send(
        {
          envelope: { from: `bounces+1234@esp.${domain}`, to: [ADDRESS] },
          from: user.email,
          subject: 'Relayed paper',
          headers: { 'Authentication-Results': pass },
          attachments: [{ filename: 'relayed.pdf', content: pdfBytes('relayed') }],
        },
        relayed.port,
      );
      expect((await listMeetingDocuments(h.ctx, null, MEETING_ID)).some((d) => d.title === 'Relayed paper')).toBe(true);
      expect(await repliesTo(user.email)).toHaveLength(1);

      // The relay's own header says fail; a "pass" further down was written by the sender.
      const forged = [
        `Authentication-Results: ${fail}`,
        `Authentication-Results: ${pass}`,
        `From: ${user.email}`,
        `To: ${ADDRESS}`,
        'Subject: Forged paper',
        'Message-ID: <forged-1@evil.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="B"',
        '',
        '--B',
        'Content-Type: text/plain',
        '',
        'Attached.',
        '--B',
        'Content-Type: application/pdf; name="forged.pdf"',
        'Content-Disposition: attachment; filename="forged.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdfBytes('forged relay').toString('base64'),
        '--B--',
        '',
      ].join('\r\n');
      await send({ envelope: { from: user.email, to: [ADDRESS] }, raw: forged }, relayed.port);
      expect((await listMeetingDocuments(h.ctx, null, MEETING_ID)).some((d) => d.title === 'Forged paper')).toBe(false);
      expect((await h.ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.subject, 'Forged paper')))[0]).toMatchObject({
        senderVerified: false,
        status: 'pending',
      });
      // Envelope and From agree, but with a relay configured only its verdict counts.
      await send(
        { from: user.email, subject: 'Not through the relay', attachments: [{ filename: 'direct.pdf', content: pdfBytes('direct') }] },
        relayed.port,
      );
      expect((await listMeetingDocuments(h.ctx, null, MEETING_ID)).some((d) => d.title === 'Not through the relay')).toBe(false);
      expect(await repliesTo(user.email)).toHaveLength(1);
    } finally {
      await relayed.close();
    }
  });

  it('caps what senders without an account may leave waiting: over it, 452 at SMTP and nothing stored', async () => {
    await h.ctx.db.update(inboundSubmissions).set({ status: 'rejected' }).where(eq(inboundSubmissions.status, 'pending'));
    const config = testConfig({ INBOUND_QUEUE_MAX_PER_SENDER: '2', INBOUND_QUEUE_MAX_PER_GROUP: '3', INBOUND_QUEUE_MAX_MB: '1' });
    const capped = await startInboundSmtp({ ...h.ctx, config }, { port: 0, host: '127.0.0.1', maxBytes: 3_000_000 });
    try {
      const mail = (from: string, name: string, content = pdfBytes(name)) =>
        send({ from, subject: name, attachments: [{ filename: `${name}.pdf`, content }] }, capped.port).catch((e: unknown) => e);
      expect(await mail('first@elsewhere.example', 'one')).toMatchObject({ accepted: [ADDRESS] });
      expect(await mail('first@elsewhere.example', 'two')).toMatchObject({ accepted: [ADDRESS] });
      const third = pdfBytes('three');
      expect(await mail('first@elsewhere.example', 'three', third)).toMatchObject({ responseCode: 452 }); // per sender
      expect(await h.ctx.files.has(sha256(third))).toBe(false);
      expect(await mail('second@elsewhere.example', 'four')).toMatchObject({ accepted: [ADDRESS] });
      expect(await mail('third@elsewhere.example', 'five')).toMatchObject({ responseCode: 452 }); // per group
      const pending = await h.ctx.db.select().from(inboundSubmissions).where(eq(inboundSubmissions.status, 'pending'));
      expect(pending.map((p) => p.subject).sort()).toEqual(['four', 'one', 'two']);
      // Refused mail is neither answered nor counted.
      expect(await repliesTo('third@elsewhere.example')).toHaveLength(0);
      expect(await h.ctx.db.select().from(inboundMailLog).where(eq(inboundMailLog.fromAddress, 'third@elsewhere.example'))).toHaveLength(0);
      // Bytes: a 1 MB queue holds no 1.2 MB file, even from a new sender with room in the group.
      await h.ctx.db.update(inboundSubmissions).set({ status: 'rejected' }).where(eq(inboundSubmissions.subject, 'four'));
      const large = Buffer.concat([pdfBytes('large'), Buffer.alloc(1_200_000, 0x41)]);
      expect(await mail('fourth@elsewhere.example', 'large', large)).toMatchObject({ responseCode: 452 });
      expect(await h.ctx.files.has(sha256(large))).toBe(false);
      // An account is never held by the queue.
      const user = await makeUser(h.ctx);
      expect(await mail(user.email, 'from an account')).toMatchObject({ accepted: [ADDRESS] });
      expect((await listMeetingDocuments(h.ctx, null, MEETING_ID)).some((d) => d.title === 'from an account')).toBe(true);
    } finally {
      await capped.close();
    }
  });

  it.each([
    ['S/MIME', 'application/pkcs7-signature', 'smime.p7s'],
    ['S/MIME (old type)', 'application/x-pkcs7-signature', 'smime.p7s'],
    ['PGP/MIME', 'application/pgp-signature', 'signature.asc'],
  ])('takes a %s-signed mail with one attachment (the signature is no attachment)', async (_what, signatureType, signatureName) => {
    const user = await makeUser(h.ctx);
    const title = `Signed paper ${signatureName} ${signatureType.length}`;
    const raw = [
      `From: ${user.email}`,
      `To: ${ADDRESS}`,
      `Subject: ${title}`,
      `Message-ID: <signed-${signatureType.length}@example.org>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/signed; protocol="${signatureType}"; micalg=sha-256; boundary="SIGNED"`,
      '',
      '--SIGNED',
      'Content-Type: multipart/mixed; boundary="MIXED"',
      '',
      '--MIXED',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'My contribution, signed.',
      '--MIXED',
      'Content-Type: application/pdf; name="signed.pdf"',
      'Content-Disposition: attachment; filename="signed.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      pdfBytes(title).toString('base64'),
      '--MIXED--',
      '--SIGNED',
      `Content-Type: ${signatureType}; name="${signatureName}"`,
      `Content-Disposition: attachment; filename="${signatureName}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('not really a signature, but shaped like one').toString('base64'),
      '--SIGNED--',
      '',
    ].join('\r\n');
    await send({ envelope: { from: user.email, to: [ADDRESS] }, raw });
    const doc = (await listMeetingDocuments(h.ctx, null, MEETING_ID)).find((d) => d.title === title);
    expect(doc?.number).toMatch(/^FGMV-I-\d{3}$/);
    expect((await onlyReplyTo(user.email)).textBody).not.toContain('more than one attachment');
  });
});
