import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts } from '../src/modules/accounts/schema.ts';
import { groups } from '../src/modules/groups/schema.ts';
import { meetings } from '../src/modules/meetings/schema.ts';
import { Agent } from './support/agent.ts';
import { $$ } from './support/dom.ts';
import { buildGroup, buildMeeting, type Person, secretariatOf } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';

/** The input rule at the edge: every request, every field — a clear 400/422, never a 500, nothing changed. */
describe.each(databaseKinds)('bad input (%s)', (kind) => {
  let h: Harness;
  let secretariat: Agent;
  let auth: Record<string, string>;
  let staff: Person;
  /** The group's code in an address ("grp-1"), and two of its meetings. */
  let group: string;
  let first: number;
  let second: number;
  /** An address of the table below with the group and meetings put in. */
  const address = (url: string) => url.replace('{group}', group).replace('{first}', String(first)).replace('{second}', String(second));

  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-20T08:00:00Z');
    const made = await buildGroup(h.ctx, { subgroups: ['WG5', 'WG6'] });
    group = made.code.toLowerCase();
    first = (await buildMeeting(h.ctx, { group: made })).id;
    second = (await buildMeeting(h.ctx, { group: made })).id;
    staff = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
    auth = { authorization: `Bearer ${await createApiToken(h.ctx, staff)}` };
  });
  afterAll(() => h.close());

  const accountCount = async () => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(accounts))[0]!.n;
  const groupRow = async () => (await h.ctx.db.select().from(groups).where(eq(groups.code, group.toUpperCase())))[0]!;

  it('a NUL in the login e-mail shows the form again with the field marked (422), anonymously', async () => {
    const res = await new Agent(h).post('/login', { email: 'kim\u0000@example.org', password: 'x', next: '/' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Remove the invisible control characters from this field.');
    expect($$(res.body, '[name="email"][aria-invalid="true"]')).toHaveLength(1);
  });

  it('a NUL in sign-up fields creates no account', async () => {
    const before = await accountCount();
    const res = await new Agent(h).post('/signup', {
      email: 'new@example.org',
      password: 'correct horse battery',
      givenName: 'Min\u0000ji',
      familyName: 'Kim',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Min\ufffdji'); // re-filled, the refused character shown
    expect(await accountCount()).toBe(before);
  });

  it.each([
    ['/meetings/{second}?q=%00', 400],
    ['/meetings/{first}?sort=%07', 400],
    ['/documents/FGMV-I-001%00', 400],
    ['/groups/fg%00mv', 400],
    ['/groups/{group}%0D', 400],
    ['/search?q=%C3%28', 400],
    ['/search?q=%E0%A4%A', 400],
    ['/search?q=caf%C3%A9', 200],
    ['/groups/%E0%A4%A', 400],
    ['/meetings/99999999999999999999', 404],
    ['/meetings/1.5', 404],
    ['/meetings/-1', 404],
    ['/search?q=a&offset=99999999999999999999&meeting=99999999999999999999', 200],
  ])('page %s → %i', async (url, status) => {
    const res = await secretariat.get(address(url));
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('a page takes each query parameter once; a repeated one is a 400, naming it', async () => {
    const res = await secretariat.get('/console/bureaus?code=TSB&code=X');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<code>code</code>: Give this parameter only once.');
  });

  it('a huge address is refused without being repeated in the page (language links, login link)', async () => {
    const res = await new Agent(h).get(`/search?q=${'x'.repeat(1 << 20)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(20_000);
  });

  it.each([
    ['/api/groups/fg%00mv', 400, 'invalid-parameter'],
    ['/api/search?q=a&offset=99999999999999999999', 422, 'invalid-field'],
    ['/api/search?q=a%00', 400, 'invalid-parameter'],
    ['/api/search?q=%FF', 400, 'invalid-parameter'],
    ['/api/meetings/99999999999999999999', 422, 'invalid-field'],
    ['/api/meetings/1e400', 422, 'invalid-field'],
    ['/api/registrations/NaN', 422, 'invalid-field'],
  ])('API %s → %i %s', async (url, status, code) => {
    const res = await h.app.inject({ url, headers: auth });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
  });

  it('names the parameter the rule refused', async () => {
    const res = await h.app.inject({ url: '/api/search?q=a&group=fg%00mv' });
    expect(res.json().errors).toEqual([{ field: 'group', message: 'Remove the invisible control characters from this field.' }]);
  });

  it('a JSON body with a control character, a lone surrogate or bytes that are not UTF-8 is refused and changes nothing', async () => {
    const before = await groupRow();
    const patch = (payload: string | Buffer) =>
      h.app.inject({ method: 'PATCH', url: `/api/groups/${group}`, payload, headers: { ...auth, 'content-type': 'application/json' } });
    const bel = await patch(JSON.stringify({ parentBody: 'ITU-T\u0007' }));
    expect(bel.statusCode).toBe(422);
    expect(bel.json().errors).toEqual([{ field: 'parentBody', message: 'Remove the invisible control characters from this field.' }]);
    const nested = await patch(JSON.stringify({ name: { en: 'FG\u0000MV' } }));
    expect(nested.json().errors[0].field).toBe('name.en');
    const surrogate = await patch('{"parentBody":"ITU-T \\ud800"}');
    expect(surrogate.statusCode).toBe(422);
    expect(surrogate.json().errors[0].message).toBe('This field contains characters that are not valid text.');
    const bytes = await patch(Buffer.concat([Buffer.from('{"parentBody":"ITU-T '), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expect(bytes.statusCode).toBe(400);
    expect(bytes.json().code).toBe('malformed-body');
    // The strict parser keeps the default parser's refusal of prototype poisoning.
    expect((await patch('{"__proto__":{"parentBody":"x"}}')).statusCode).toBe(400);
    expect((await patch('{"constructor":{"prototype":{"parentBody":"x"}}}')).statusCode).toBe(400);
    expect(await groupRow()).toEqual(before);
  });

  it('a form body with malformed percent-encoding is a 400', async () => {
    await secretariat.get('/login');
    const res = await h.app.inject({
      method: 'POST',
      url: '/login',
      payload: 'email=a%C3%28%40example.org&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('single-line fields refuse line breaks; text areas keep them, with CR LF as LF; all text is stored as NFC', async () => {
    const before = await groupRow();
    const oneLine = await h.app.inject({
      method: 'PATCH',
      url: `/api/groups/${group}`,
      payload: { parentBody: 'ITU-T\nSG16' },
      headers: auth,
    });
    expect(oneLine.statusCode).toBe(422);
    expect(oneLine.json().errors).toEqual([{ field: 'parentBody', message: 'This field must be on one line.' }]);
    expect(await groupRow()).toEqual(before);

    const ok = await h.app.inject({
      method: 'PATCH',
      url: `/api/groups/${group}`,
      payload: { parentBody: 'ITU-T Cafe\u0301', mandate: { en: 'First line\r\nsecond line\r\n\tindented' } },
      headers: auth,
    });
    expect(ok.statusCode).toBe(200);
    const after = await groupRow();
    expect(after.parentBody).toBe('ITU-T Café');
    expect((after.mandate as Record<string, string>).en).toBe('First line\nsecond line\n\tindented');
  });

  it('a multipart field with a control character is refused before any file is stored', async () => {
    const form = new FormData();
    form.append('title', 'Avatar\u0000interop');
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n']), 'a.pdf');
    const response = new Response(form);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${first}/documents`,
      payload: Buffer.from(await response.arrayBuffer()),
      headers: { ...auth, 'content-type': response.headers.get('content-type')! },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('title');
  });

  it('account forms (change password, the two-factor code) show themselves again with the refused field marked (422), changing nothing', async () => {
    const [before] = await h.ctx.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, staff.email));
    const change = await secretariat.post('/account/password', {
      currentPassword: staff.password,
      newPassword: 'new password\u0007x',
      newPasswordAgain: 'new password\u0007x',
    });
    expect(change.statusCode).toBe(422);
    expect(change.body).toContain('action="/account/password"');
    expect($$(change.body, '[name="newPassword"][aria-invalid="true"]')).toHaveLength(1);
    const [after] = await h.ctx.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, staff.email));
    expect(after!.hash).toBe(before!.hash);

    const code = await new Agent(h).post('/login/two-factor', { code: '12\u00003456' });
    expect(code.statusCode).toBe(422);
    expect(code.body).toContain('action="/login/two-factor"');
    expect($$(code.body, '[name="code"][aria-invalid="true"]')).toHaveLength(1);
  });

  it('a non-ASCII next= after login redirects there, percent-encoded', async () => {
    const agent = new Agent(h);
    const res = await agent.post('/login', {
      email: staff.email,
      password: staff.password,
      next: '/search?q=元宇宙 café',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/search?q=%E5%85%83%E5%AE%87%E5%AE%99%20caf%C3%A9');
  });

  it('calendar feeds carry no control characters, even from rows stored before the rule', async () => {
    await h.ctx.db
      .update(meetings)
      .set({ title: { en: 'WG5\rand WG6\u0007 meeting' } })
      .where(eq(meetings.id, first));
    for (const url of [`/meetings/${first}.ics`, `/groups/${group}/calendar.ics`]) {
      const ics = (await h.app.inject({ url })).body;
      expect(ics).toContain('WG5\\nand WG6 meeting');
      const controls = [...ics.replace(/\r\n/g, '')].filter((ch) => ch !== '\t' && (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f')));
      expect(controls).toEqual([]);
    }
  });
});
