import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/platform/mail/schema.ts';
import { contributionFields, pdfBytes } from './support/documents.ts';
import { $, $$, $1, formValues, text } from './support/dom.ts';
import { type BuiltMeeting, buildGroup, buildMeeting } from './support/factories.ts';

import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

/** Issue 13: a successful action ends on a page that says what happened and what comes next. */
describe.each(databaseKinds)('what happened and what comes next (%s)', (kind) => {
  let h: Harness;
  let meeting: BuiltMeeting;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    const group = await buildGroup(h.ctx, { subgroups: ['WG5', 'WG6'] });
    meeting = await buildMeeting(h.ctx, {
      group,
      startsIn: 40,
      mode: 'hybrid',
      deadlines: { visaSupport: 8, registration: 15, contributions: 26 },
    });
  });
  afterAll(() => h.close());

  const mailsTo = (to: string, kind: string) =>
    h.ctx.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, to), eq(outbox.kind, kind)));

  it('after registering: the number, the mail that was sent, the deadlines ahead', async () => {
    const { user, agent } = await signedInPerson(h, { category: 'member-state' });
    const form = await agent.get(`/meetings/${meeting.id}/register`);
    const values = formValues($1(form, 'main form[method="post"]'));
    const res = await agent.post(`/meetings/${meeting.id}/register`, { ...values, mode: 'in-person', consent: 'on' });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toMatch(/\/registrations\/\d+\?done=registered$/);

    const page = await agent.get(res.headers.location as string);
    const outcome = $1(page, '.outcome');
    expect(outcome.getAttribute('role')).toBe('status');
    const number = text($1(page, 'h1')).replace('Registration ', '');
    expect(text($1(outcome, 'h2'))).toBe(`You are registered for ${meeting.meeting.title.en}`);
    expect(text(outcome)).toContain(`Your registration number is ${number}`);
    expect(text(outcome)).toContain(`A confirmation has been sent to ${user.email}`);
    const next = $$(outcome, '.next-steps li').map(text);
    // In person: visa support until 14 April; contributions until 2 May; changes until 21 April.
    expect(next.some((line) => line.includes('Ask for visa support by 14 April 2023'))).toBe(true);
    expect(next.some((line) => line.includes('Contributions are due by 2 May 2023'))).toBe(true);
    expect(next.some((line) => line.includes('until 21 April 2023'))).toBe(true);
    // The mail it speaks of is queued.
    expect((await mailsTo(user.email, 'registration-confirmed')).length).toBe(1);

    // The same page later, without ?done, is just the registration.
    expect(
      $(await agent.get(`/registrations/${/\/registrations\/(\d+)/.exec(res.headers.location as string)![1]}`), '.outcome'),
    ).toBeNull();

    // After the visa deadline the visa line is gone (and the page is in the person's language when asked).
    h.clock.set('2023-04-16T08:00:00Z');
    const later = await agent.get(`${res.headers.location}&lang=fr`);
    const laterNext = $$(later, '.outcome .next-steps li').map(text);
    expect(laterNext.some((line) => line.includes('visa'))).toBe(false);
    expect(text($1(later, '.outcome h2'))).toContain('Vous êtes inscrit(e)');
    h.clock.set('2023-04-06T08:00:00Z');
  });

  it('after submitting: the number, the acknowledgement mailed (with a link from BASE_URL), how to revise', async () => {
    const { user, agent } = await signedInPerson(h, { category: 'member-state' });
    const res = await agent.upload(`/meetings/${meeting.id}/documents`, contributionFields('Spatial anchors', { workingGroups: 'WG5' }), {
      name: 'anchors.pdf',
      content: pdfBytes(),
    });
    expect(res.statusCode, res.body).toBe(303);
    const number = /\/documents\/([^?]+)\?done=submitted$/.exec(res.headers.location as string)![1]!;

    const page = await agent.get(res.headers.location as string);
    const outcome = $1(page, '.outcome');
    expect(text($1(outcome, 'h2'))).toBe(`Contribution ${number} received`);
    expect(text(outcome)).toContain(`An acknowledgement has been sent to ${user.email}`);
    expect($(outcome, `a[href="/documents/${number}/revise"]`)).not.toBeNull();

    const [ack] = await mailsTo(user.email, 'document-received');
    expect(ack!.subject).toBe(`Received: ${number} – Spatial anchors`);
    expect(ack!.textBody).toContain(`Its number is ${number}`);
    expect(ack!.textBody).toContain(`https://convene.test/documents/${number}`);

    // Someone else following the same address sees the document, not the outcome.
    const other = await signedInPerson(h, { category: 'member-state' });
    expect($(await other.agent.get(res.headers.location as string), '.outcome')).toBeNull();
  });

  it('acknowledges a submission through the API too, once even when the request is repeated', async () => {
    const { user, auth } = await signedInPerson(h, { category: 'member-state' });
    const send = async () => {
      const form = new FormData();
      for (const [k, v] of Object.entries({
        title: 'Haptics',
        sources: 'ETRI',
        workingGroups: 'WG6',
        contacts: JSON.stringify([{ name: 'Kim Min', organization: 'ETRI', email: 'kim@example.org' }]),
      }))
        form.append(k, v);
      form.append('file', new Blob([pdfBytes() as BlobPart]), 'haptics.pdf');
      const { multipartBody } = await import('./support/agent.ts');
      const { payload, contentType } = await multipartBody(form);
      return h.app.inject({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/documents`,
        payload,
        headers: { ...auth, 'content-type': contentType, 'idempotency-key': `ack-${kind}` },
      });
    };
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect((await send()).json().number).toBe(first.json().number);
    expect(await mailsTo(user.email, 'document-received')).toHaveLength(1);
  });
});
