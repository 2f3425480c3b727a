import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSecretariat } from '../demo/fg-mv.ts';
import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { groups, officers, subgroups } from '../src/modules/groups/schema.ts';
import { canManageGroupContent, getGroup } from '../src/modules/groups/service.ts';
import { Agent } from './support/agent.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

describe.each(databaseKinds)('groups (%s)', (kind) => {
  let h: Harness;
  let secretariat: Agent;
  let participant: Agent;
  let secretariatToken: string;
  let participantToken: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    await seedDemo(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(demoSecretariat.email, demoSecretariat.password);
    secretariatToken = await createApiToken(h.ctx, (await findActorByEmail(h.ctx, demoSecretariat.email))!);
    const user = await makeUser(h.ctx);
    participant = new Agent(h);
    await participant.login(user.email, user.password);
    participantToken = await createApiToken(h.ctx, user);
  });
  afterAll(() => h.close());

  const groupCount = async () => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(groups))[0]!.n;

  it('shows FG-MV’s public page in English', async () => {
    const res = await new Agent(h).get('/groups/fg-mv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('ITU-T Focus Group on Metaverse');
    expect(html).toContain('Shin-Gak Kang');
    expect(html).toContain('Working Group 6');
    expect(html).toContain('Security, data and personally identifiable information (PII) protection');
    expect(html).toContain('tsbfgmv@itu.int');
    expect(html).toContain('Meetings of FG-MV Working Group 5 and Working Group 6');
    expect(html).toContain('Korea'); // the chair's country, from Intl.DisplayNames
  });

  it('shows it in Chinese by ?lang=zh, remembers the choice, and honours Accept-Language', async () => {
    const agent = new Agent(h);
    const zh = await agent.get('/groups/fg-mv?lang=zh');
    expect(zh.body).toContain('<html lang="zh-Hans" dir="ltr">');
    expect(zh.body).toContain('ITU-T元宇宙焦点组');
    expect(zh.body).toContain('第6工作组');
    expect(zh.body).toContain('安全、数据和个人可识别信息（PII）保护');
    expect(zh.body).toContain('成立于<time datetime="2022-12-16">2022年12月16日</time>');
    expect(agent.cookie('convene_lang')).toBe('zh');
    const again = await agent.get('/groups/fg-mv');
    expect(again.body).toContain('主席');

    const negotiated = await new Agent(h).get('/groups/fg-mv', { 'accept-language': 'de-CH, zh-CN;q=0.8, en;q=0.5' });
    expect(negotiated.body).toContain('领导层');
    const french = await new Agent(h).get('/groups/fg-mv', { 'accept-language': 'fr-CH, zh-CN;q=0.8' });
    expect(french.body).toContain('<html lang="fr" dir="ltr">');
    const arabic = await new Agent(h).get('/groups/fg-mv?lang=ar');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
  });

  it('answers unknown pages with a localized error page and safe headers', async () => {
    const res = await new Agent(h).get('/groups/nope?lang=zh');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('找不到此页面');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('lets officers linked to an account manage the group’s content, while their term lasts', async () => {
    const officerUser = await makeUser(h.ctx);
    const outsider = await makeUser(h.ctx);
    const save = await secretariat.post('/groups/fg-mv/officers', {
      role: 'vice-chair',
      name: 'Linked Officer',
      accountEmail: officerUser.email,
      fromDate: '2023-01-01',
      untilDate: '2023-12-31',
    });
    expect(save.statusCode).toBe(303);
    const group = await getGroup(h.ctx, 'fg-mv');
    expect(await canManageGroupContent(h.ctx, officerUser, group.id)).toBe(true);
    expect(await canManageGroupContent(h.ctx, outsider, group.id)).toBe(false);
    expect(await canManageGroupContent(h.ctx, null, group.id)).toBe(false);
    h.clock.set('2024-02-01T00:00:00Z');
    expect(await canManageGroupContent(h.ctx, officerUser, group.id)).toBe(false);
    h.clock.set('2023-04-06T08:00:00Z');
    const linked = group.officers.find((o) => o.name === 'Linked Officer')!;
    await secretariat.post(`/groups/fg-mv/officers/${linked.id}/delete`, {});
  });

  it('serves the group as JSON, case-insensitively', async () => {
    const res = await h.app.inject({ url: '/api/groups/Fg-Mv' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: 'FG-MV', name: 'ITU-T Focus Group on Metaverse', parentBody: 'TSAG', establishedOn: '2022-12-16' });
    expect(body.subgroups.map((s: { kind: string; number: number | null }) => `${s.kind}${s.number ?? ''}`)).toEqual([
      'TG',
      'WG1',
      'WG2',
      'WG3',
      'WG4',
      'WG5',
      'WG6',
      'WG7',
      'WG8',
    ]);
    expect(body.subgroups[0]).toMatchObject({ kind: 'TG', number: null, title: 'Collaboration' });
    expect(body.officers[0]).toMatchObject({ role: 'chair', name: 'Shin-Gak Kang', affiliation: 'ETRI', country: 'KR' });
    expect(body.officers.filter((o: { role: string }) => o.role === 'vice-chair')).toHaveLength(11);

    const zh = await h.app.inject({ url: '/api/groups/fg-mv?lang=zh' });
    expect(zh.json().name).toBe('ITU-T元宇宙焦点组');
    const list = await h.app.inject({ url: '/api/groups' });
    expect(list.json()).toEqual([expect.objectContaining({ code: 'FG-MV' })]);
    const missing = await h.app.inject({ url: '/api/groups/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not-found', status: 404 });
  });

  it('publishes an OpenAPI document', async () => {
    const res = await h.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/groups', '/api/groups/{code}', '/api/meetings/{id}', '/api/groups/{code}/meetings']),
    );
  });

  it('lets the secretariat create a group through the form', async () => {
    const res = await secretariat.post('/groups', {
      code: 'fg-ai4h',
      name_en: 'Focus Group on AI for Health',
      name_zh: '人工智能促进健康焦点组',
      parentBody: 'TSAG',
      establishedOn: '2018-07-20',
      status: 'active',
      deadlineRules_visaSupportDays: '30',
      deadlineRules_registrationDays: '21',
      deadlineRules_contributionsDays: '10',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/groups/fg-ai4h/edit?notice=created');
    const [row] = await h.ctx.db.select().from(groups).where(eq(groups.code, 'FG-AI4H'));
    expect(row).toMatchObject({ documentPrefix: 'FGAI4H', name: { en: 'Focus Group on AI for Health', zh: '人工智能促进健康焦点组' } });
    expect(row!.deadlineRules).toEqual({ visaSupportDays: 30, registrationDays: 21, contributionsDays: 10 });

    const sub = await secretariat.post('/groups/fg-ai4h/subgroups', { kind: 'WG', number: '1', title_en: 'Data', title_zh: '数据' });
    expect(sub.statusCode).toBe(303);
    const officer = await secretariat.post('/groups/fg-ai4h/officers', {
      role: 'chair',
      name: 'Ada Lovelace',
      country: 'GB',
      position: '0',
    });
    expect(officer.statusCode).toBe(303);
    const page = await new Agent(h).get('/groups/fg-ai4h');
    expect(page.body).toContain('Ada Lovelace');
    expect(page.body).toContain('Working Group 1');
  });

  it('rejects bad group input with errors and changes nothing', async () => {
    const before = await groupCount();
    const bad = await secretariat.post('/groups', {
      code: 'not a code!',
      name_en: '',
      establishedOn: '2023-02-30',
      contactEmail: 'nope',
      deadlineRules_visaSupportDays: '-3',
      deadlineRules_registrationDays: 'x',
      deadlineRules_contributionsDays: '7',
    });
    expect(bad.statusCode).toBe(422);
    for (const msg of ['Use capital letters', 'Please fill in this field', 'Please enter a real date', 'valid e-mail', 'whole number']) {
      expect(bad.body).toContain(msg);
    }
    expect(bad.body).toContain('value="not a code!"'); // the form comes back filled in
    const dup = await secretariat.post('/groups', {
      code: 'FG-MV',
      name_en: 'Again',
      deadlineRules_visaSupportDays: '1',
      deadlineRules_registrationDays: '1',
      deadlineRules_contributionsDays: '1',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('Another group already has this code');
    expect(await groupCount()).toBe(before);

    const wg = await secretariat.post('/groups/fg-mv/subgroups', { kind: 'WG', number: '5', title_en: 'Duplicate' });
    expect(wg.statusCode).toBe(409);
    const noNumber = await secretariat.post('/groups/fg-mv/subgroups', { kind: 'WG', number: '', title_en: 'No number' });
    expect(noNumber.statusCode).toBe(422);
    const officer = await secretariat.post('/groups/fg-mv/officers', { role: 'king', name: '' });
    expect(officer.statusCode).toBe(422);
    expect(officer.body).toContain('Please choose one of the options');
    const term = await secretariat.post('/groups/fg-mv/officers', {
      role: 'vice-chair',
      name: 'Term',
      fromDate: '2024-01-01',
      untilDate: '2023-01-01',
    });
    expect(term.statusCode).toBe(422);
    expect(term.body).toContain('The end of the term must not be before its start');
    const unknownAccount = await secretariat.post('/groups/fg-mv/officers', {
      role: 'vice-chair',
      name: 'Linked',
      accountEmail: 'ghost@example.org',
    });
    expect(unknownAccount.statusCode).toBe(409);
    expect(unknownAccount.body).toContain('No account has this e-mail address');
    const [{ n }] = (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(officers).where(eq(officers.groupId, 1))) as [
      { n: number },
    ];
    expect(n).toBe(12);
  });

  it('edits a group and refuses to delete a subgroup that has sessions', async () => {
    const edit = await secretariat.get('/groups/fg-mv/edit');
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="FG-MV"');
    const res = await secretariat.post('/groups/fg-mv/edit', {
      code: 'FG-MV',
      name_en: 'ITU-T Focus Group on Metaverse',
      name_zh: 'ITU-T元宇宙焦点组',
      mandate_en: 'New mandate text.',
      parentBody: 'TSAG',
      establishedOn: '2022-12-16',
      status: 'active',
      documentPrefix: 'FGMV',
      contactEmail: 'tsbfgmv@itu.int',
      deadlineRules_visaSupportDays: '25',
      deadlineRules_registrationDays: '18',
      deadlineRules_contributionsDays: '7',
    });
    expect(res.statusCode).toBe(303);
    expect((await new Agent(h).get('/groups/fg-mv')).body).toContain('New mandate text.');

    const [wg5] = await h.ctx.db.select().from(subgroups).where(eq(subgroups.number, 5));
    const del = await secretariat.post(`/groups/fg-mv/subgroups/${wg5!.id}/delete`, {});
    expect(del.statusCode).toBe(409);
    expect((await h.ctx.db.select().from(subgroups).where(eq(subgroups.id, wg5!.id))).length).toBe(1);
  });

  it('denies participants and anonymous users every group write', async () => {
    const before = await groupCount();
    expect((await participant.get('/groups/fg-mv/edit')).statusCode).toBe(403);
    expect((await participant.get('/groups/new')).statusCode).toBe(403);
    expect((await new Agent(h).get('/groups/fg-mv/edit')).statusCode).toBe(303);
    const form = await participant.post('/groups/fg-mv/edit', { code: 'FG-MV', name_en: 'Hijacked' });
    expect(form.statusCode).toBe(403);
    const [chair] = await h.ctx.db.select().from(officers).where(eq(officers.role, 'chair'));
    expect((await participant.post(`/groups/fg-mv/officers/${chair!.id}/delete`, {})).statusCode).toBe(403);

    const api = await h.app.inject({
      method: 'PATCH',
      url: '/api/groups/fg-mv',
      headers: { authorization: `Bearer ${participantToken}` },
      payload: { name: { en: 'Hijacked' } },
    });
    expect(api.statusCode).toBe(403);
    expect(api.json()).toMatchObject({ code: 'forbidden' });
    const anon = await h.app.inject({ method: 'POST', url: '/api/groups', payload: { code: 'X', name: { en: 'X' } } });
    expect([401, 403]).toContain(anon.statusCode);
    expect((await h.app.inject({ url: '/api/groups/fg-mv' })).json().name).toBe('ITU-T Focus Group on Metaverse');
    expect(await groupCount()).toBe(before);
  });

  it('lets the secretariat write through the API with problem details on bad input', async () => {
    const auth = { authorization: `Bearer ${secretariatToken}` };
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: auth,
      payload: { code: 'SG17', name: { en: 'Study Group 17', zh: '第17研究组' }, parentBody: 'WTSA' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'SG17', name: 'Study Group 17', subgroups: [], officers: [] });
    const bad = await h.app.inject({ method: 'PATCH', url: '/api/groups/sg17', headers: auth, payload: { establishedOn: 'yesterday' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({
      code: 'invalid-field',
      errors: [{ field: 'establishedOn', message: 'Please enter a real date as YYYY-MM-DD.' }],
    });
    const zhError = await h.app.inject({
      method: 'PATCH',
      url: '/api/groups/sg17?lang=zh',
      headers: auth,
      payload: { establishedOn: 'yesterday' },
    });
    expect(zhError.json().errors[0].message).toBe('请按 YYYY-MM-DD 格式输入真实日期。');
    const sub = await h.app.inject({
      method: 'POST',
      url: '/api/groups/sg17/subgroups',
      headers: auth,
      payload: { kind: 'WG', number: 1, title: { en: 'Security' } },
    });
    expect(sub.statusCode).toBe(201);
    expect(sub.json()).toMatchObject({ label: 'WG1', title: 'Security' });
  });
});
