import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { organizationMembers } from '../src/modules/organizations/schema.ts';
import { Agent } from './support/agent.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

describe.each(databaseKinds)('organizations and their focal points (%s)', (kind) => {
  let h: Harness;
  let staff: string;
  let delegate: Awaited<ReturnType<typeof makeUser>>;
  let delegateToken: string;

  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, token: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    h = await startHarness(kind);
    staff = await createApiToken(h.ctx, await makeUser(h.ctx, { role: 'secretariat' }));
    delegate = await makeUser(h.ctx, { category: 'member-state', country: 'KR' });
    delegateToken = await createApiToken(h.ctx, delegate);
  });
  afterAll(() => h.close());

  it('creates an organization with its names, and refuses a second of the same English name in the same country', async () => {
    const res = await api('POST', '/api/organizations', staff, {
      name: { en: 'Ministry of Science and ICT', ko: 'ignored', zh: '科学技术信息通信部' },
      country: 'kr',
      category: 'member-state',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: 'Ministry of Science and ICT', country: 'KR', category: 'member-state', members: [] });
    expect(created.names).toEqual({ en: 'Ministry of Science and ICT', zh: '科学技术信息通信部' });

    const again = await api('POST', '/api/organizations', staff, {
      name: { en: '  ministry of science and ICT ' },
      country: 'KR',
      category: 'member-state',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toContain('organization-exists');
    // Same name, another country: another organization.
    expect(
      (
        await api('POST', '/api/organizations', staff, {
          name: { en: 'Ministry of Science and ICT' },
          country: 'FR',
          category: 'member-state',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('refuses bad input field by field, in the reader’s language, and stores nothing', async () => {
    const before = (await api('GET', '/api/organizations', staff)).json().length;
    const res = await api('POST', '/api/organizations?lang=fr', staff, {
      name: { fr: 'Sans nom anglais' },
      country: 'XX',
      category: 'non-member',
    });
    expect(res.statusCode).toBe(422);
    const fields = Object.fromEntries(res.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(Object.keys(fields).sort()).toEqual(['category', 'country', 'name.en']);
    expect(fields['name.en']).toMatch(/obligatoire|remplir/i);
    expect((await api('GET', '/api/organizations', staff)).json()).toHaveLength(before);
  });

  it('adds members and focal points by address, moves a member between organizations, and counts them', async () => {
    const list = (await api('GET', '/api/organizations', staff)).json() as { id: number; country: string }[];
    const korea = list.find((o) => o.country === 'KR')!;
    const france = list.find((o) => o.country === 'FR')!;
    const focal = await makeUser(h.ctx, { givenName: 'Minji', familyName: 'Kim' });

    const added = await api('PUT', `/api/organizations/${korea.id}/members`, staff, { email: focal.email.toUpperCase(), focalPoint: true });
    expect(added.statusCode).toBe(200);
    expect(added.json().members).toEqual([
      { accountId: focal.id, email: focal.email, givenName: 'Minji', familyName: 'Kim', focalPoint: true },
    ]);
    await api('PUT', `/api/organizations/${korea.id}/members`, staff, { email: delegate.email });
    const counted = (await api('GET', '/api/organizations', staff)).json().find((o: { id: number }) => o.id === korea.id);
    expect(counted).toMatchObject({ members: 2, focalPoints: 1 });

    // One organization per account: adding it to another moves it.
    await api('PUT', `/api/organizations/${france.id}/members`, staff, { email: delegate.email });
    const rows = await h.ctx.db.select().from(organizationMembers).where(eq(organizationMembers.accountId, delegate.id));
    expect(rows.map((r) => r.organizationId)).toEqual([france.id]);

    const unknown = await api('PUT', `/api/organizations/${korea.id}/members`, staff, { email: 'nobody@example.org' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ field: 'email', message: expect.stringContaining('signs up first') }]);

    const removed = await api('DELETE', `/api/organizations/${france.id}/members/${delegate.id}`, staff);
    expect(removed.json().members).toEqual([]);
    expect((await api('DELETE', `/api/organizations/${france.id}/members/${delegate.id}`, staff)).statusCode).toBe(404);
  });

  it('changes only the fields given', async () => {
    const korea = (await api('GET', '/api/organizations', staff)).json().find((o: { country: string }) => o.country === 'KR');
    const res = await api('PATCH', `/api/organizations/${korea.id}`, staff, { category: 'sector-member' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Ministry of Science and ICT', country: 'KR', category: 'sector-member' });
    expect((await api('PATCH', '/api/organizations/999999', staff, { category: 'academia' })).statusCode).toBe(404);
  });

  it('lets no one but the secretariat read or change organizations and their members', async () => {
    const korea = (await api('GET', '/api/organizations', staff)).json().find((o: { country: string }) => o.country === 'KR');
    for (const [method, url, payload] of [
      ['GET', '/api/organizations', undefined],
      ['GET', `/api/organizations/${korea.id}`, undefined],
      ['POST', '/api/organizations', { name: { en: 'Mine' }, category: 'academia' }],
      ['PATCH', `/api/organizations/${korea.id}`, { category: 'academia' }],
      ['PUT', `/api/organizations/${korea.id}/members`, { email: delegate.email, focalPoint: true }],
    ] as const) {
      expect((await api(method, url, delegateToken, payload)).statusCode, `${method} ${url}`).toBe(403);
      expect((await h.app.inject({ method, url, ...(payload ? { payload } : {}) })).statusCode, `${method} ${url} anonymous`).toBe(401);
    }
    const members = await h.ctx.db.select().from(organizationMembers).where(eq(organizationMembers.accountId, delegate.id));
    expect(members).toEqual([]);
  });

  it('puts the membership in the person’s data export', async () => {
    const korea = (await api('GET', '/api/organizations', staff)).json().find((o: { country: string }) => o.country === 'KR');
    await api('PUT', `/api/organizations/${korea.id}/members`, staff, { email: delegate.email, focalPoint: true });
    const agent = new Agent(h);
    await agent.login(delegate.email, delegate.password);
    const exported = JSON.parse((await agent.get('/account/export.json')).body);
    expect(exported.organization).toEqual({
      name: { en: 'Ministry of Science and ICT', zh: '科学技术信息通信部' },
      country: 'KR',
      focalPoint: true,
    });
  });

  it('lets the secretariat do all of it on pages, in any language, with errors on their fields', async () => {
    const secretariat = await makeUser(h.ctx, { role: 'secretariat' });
    const agent = new Agent(h);
    await agent.login(secretariat.email, secretariat.password);

    const empty = await agent.post('/console/organizations/new?lang=ar', { name_en: '', country: 'CH', category: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('dir="rtl"');
    expect(empty.body).toContain('href="#f-name_en"');
    expect(empty.body).toContain('href="#f-category"');
    expect(empty.body).toMatch(/<option value="CH" selected/);

    const created = await agent.post('/console/organizations/new', {
      name_en: 'Federal Office of Communications',
      name_fr: 'Office fédéral de la communication',
      country: 'CH',
      category: 'member-state',
    });
    expect(created.statusCode).toBe(303);
    const page = String(created.headers.location).split('?')[0]!;
    expect(page).toMatch(/^\/console\/organizations\/\d+$/);

    const person = await makeUser(h.ctx, { givenName: 'Anna', familyName: 'Meier' });
    const unknown = await agent.post(`${page}/members?lang=en`, { email: 'nobody@example.org', focalPoint: 'on' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('signs up first');
    expect(unknown.body).toContain('value="nobody@example.org"');
    expect(unknown.body).toMatch(/id="f-focalPoint"[^>]*checked/);
    expect((await agent.post(`${page}/members`, { email: person.email, focalPoint: 'on' })).statusCode).toBe(303);

    const shown = await agent.get(`${page}?lang=fr`);
    expect(shown.body).toContain('Office fédéral de la communication');
    expect(shown.body).toContain('Anna Meier');
    expect(shown.body).toContain('Coordonnateur');
    const list = await agent.get('/console/organizations?lang=en');
    expect(list.body).toContain('Federal Office of Communications');

    const renamed = await agent.post(page, { name_en: '', country: 'CH', category: 'member-state' });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.body).toContain('Anna Meier'); // the members stay on the page shown again

    expect((await agent.post(`${page}/members/${person.id}/remove`, {})).statusCode).toBe(303);
    expect((await agent.get(page)).body).not.toContain('Anna Meier');

    const delegateAgent = new Agent(h);
    await delegateAgent.login(delegate.email, delegate.password);
    expect((await delegateAgent.get('/console/organizations')).statusCode).toBe(403);
    expect((await delegateAgent.post(`${page}/members`, { email: delegate.email, focalPoint: 'on' })).statusCode).toBe(403);
    expect((await delegateAgent.get(page)).statusCode).toBe(403);
  });

  it('imports a sheet pasted from a spreadsheet: creates, updates, places people; all or nothing with every wrong line named', async () => {
    const focal = await makeUser(h.ctx);
    const member = await makeUser(h.ctx);
    const count = async () => (await api('GET', '/api/organizations', staff)).json().length;
    const before = await count();

    const wrong = [
      'name_en\tcountry\tcategory\tfocal_points',
      'Swisscom\tCH\tsector-member\t',
      '\tCH\tacademia\t',
      'Ministry of Truth\tZZ\tnobody\tghost@example.org',
    ].join('\n');
    const refused = await api('POST', '/api/organizations/import', staff, { csv: wrong });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'Line 3: the English name (name_en) is missing.',
      'Line 4: “ZZ” is not a two-letter country code (such as CH).',
      'Line 4: the category “nobody” is not one of member-state, sector-member, associate, academia.',
      'Line 4: no account uses ghost@example.org (the person signs up first).',
    ]);
    expect(await count()).toBe(before);

    const sheet = [
      'Name_EN;name_zh;Country;Category;Focal points;Members',
      `"Swisscom; Ltd";瑞士电信;ch;sector-member;${focal.email.toUpperCase()};${member.email}, ${focal.email}`,
      'Ministry of Science and ICT;;KR;member-state;;',
    ].join('\r\n');
    const done = await api('POST', '/api/organizations/import', staff, { csv: `\uFEFF${sheet}` });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ created: 1, updated: 1, members: 2 });
    const swisscom = (await api('GET', '/api/organizations', staff)).json().find((o: { name: string }) => o.name === 'Swisscom; Ltd');
    const detail = (await api('GET', `/api/organizations/${swisscom.id}`, staff)).json();
    expect(detail.names).toEqual({ en: 'Swisscom; Ltd', zh: '瑞士电信' });
    expect(detail.members.map((m: { email: string; focalPoint: boolean }) => [m.email, m.focalPoint])).toEqual([
      [focal.email, true],
      [member.email, false],
    ]);

    expect((await api('POST', '/api/organizations/import', staff, { csv: 'name_en\n"unclosed' })).json().errors[0].message).toMatch(
      /^Line \d+ cannot be read/,
    );
    expect((await api('POST', '/api/organizations/import', staff, { csv: 'name_en,category\n' })).json().errors[0].message).toContain(
      'at least one',
    );
    expect((await api('POST', '/api/organizations/import', delegateToken, { csv: sheet })).statusCode).toBe(403);

    // The page: the same import from a form, saying what it did.
    const secretariat = await makeUser(h.ctx, { role: 'secretariat' });
    const agent = new Agent(h);
    await agent.login(secretariat.email, secretariat.password);
    const page = await agent.post('/console/organizations/import?lang=en', {
      csv: 'name_en,country,category\nUniversity of Geneva,CH,academia',
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Imported: 1 new, 0 updated, 0 people placed.');
    const bad = await agent.post('/console/organizations/import?lang=fr', { csv: 'name_en,country,category\nX,CH,nope' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Ligne 2 : la catégorie « nope »');
    expect(bad.body).toContain('X,CH,nope'); // the sheet stays in the form to fix
  });

  it('keeps the category to the vocabulary in the database too', async () => {
    const insert = (category: string) =>
      h.ctx.db.execute(
        sql`INSERT INTO organizations (name, country, category) VALUES (${JSON.stringify({ en: `Check ${category}` })}::jsonb, 'CH', ${category})`,
      );
    for (const category of ['member-state', 'sector-member', 'associate', 'academia']) await insert(category);
    await expect(insert('non-member')).rejects.toThrow();
    await expect(insert('Member-State')).rejects.toThrow();
  });
});
