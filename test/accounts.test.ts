import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushTokenUse } from '../src/modules/accounts/api-tokens.ts';
import { accounts, apiTokens, sessions } from '../src/modules/accounts/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { $, $$, $1 } from './support/dom.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

const signUpForm = (email: string) => ({
  email,
  password: 'a long enough secret',
  title: 'Ms',
  givenName: 'Amina',
  familyName: 'Haddad',
  organization: 'Example Ministry',
  country: 'MA',
  category: 'member-state',
});

const countAccounts = async (h: Harness) => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(accounts))[0]!.n;
const lastMailTo = async (h: Harness, to: string) =>
  (await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, to))).sort((a, b) => b.id - a.id)[0];
const linkIn = (text: string) => /https:\/\/convene\.test\/\S+/.exec(text)?.[0] ?? '';

describe.each(databaseKinds)('accounts (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('signs up a non-member: "check your mail", and the mailed link (built from BASE_URL) creates the account', async () => {
    const agent = new Agent(h);
    const email = `amina-${kind}@example.org`;
    const before = await countAccounts(h);
    const res = await agent.post('/signup', signUpForm(email), {});
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your mail');
    expect(agent.cookie('convene_session')).toBeUndefined();
    expect(await countAccounts(h)).toBe(before); // nothing exists before the address is confirmed
    const mail = await lastMailTo(h, email);
    expect(mail?.subject).toBe('Confirm your e-mail address');
    const link = linkIn(mail!.textBody!);
    expect(link).toMatch(/^https:\/\/convene\.test\/account\/verify\?token=/);

    const verify = await agent.get(link.replace('https://convene.test', ''));
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toContain('Your account is ready');
    const [row] = await h.ctx.db.select().from(accounts).where(eq(accounts.email, email));
    expect(row!.emailVerifiedAt).not.toBeNull();
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect([row!.givenName, row!.country, row!.category, row!.role]).toEqual(['Amina', 'MA', 'member-state', 'participant']);
    // A link works once.
    expect((await agent.get(link.replace('https://convene.test', ''))).statusCode).toBe(400);
    await agent.login(email, 'a long enough secret');
    expect((await agent.get('/account')).body).not.toContain('Please confirm your e-mail address');
  });

  it('ignores a forged Host header when building mail links', async () => {
    const email = `host-${kind}@example.org`;
    const agent = new Agent(h);
    await agent.get('/signup');
    const body = new URLSearchParams({ ...signUpForm(email), _csrf: agent.cookie('convene_csrf')! });
    await h.app.inject({
      method: 'POST',
      url: '/signup',
      payload: body.toString(),
      headers: {
        host: 'evil.example',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `convene_csrf=${agent.cookie('convene_csrf')}`,
      },
    });
    const mail = await lastMailTo(h, email);
    expect(mail!.textBody).toContain('https://convene.test/account/verify');
    expect(mail!.textBody).not.toContain('evil.example');
  });

  it('rejects bad sign-up input with field errors and creates nothing', async () => {
    const before = await countAccounts(h);
    const agent = new Agent(h);
    const res = await agent.post('/signup', { ...signUpForm('not-an-email'), password: 'short', givenName: '', country: 'XX' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Please enter a valid e-mail address');
    expect(res.body).toContain('Use at least 10 characters');
    expect(res.body).toContain('Please fill in this field');
    expect(res.body).toContain('Please choose a country from the list');
    expect(res.body).not.toContain('a long enough secret');
    expect(await countAccounts(h)).toBe(before);
  });

  it('refuses a form without its CSRF token (403) and changes nothing', async () => {
    const before = await countAccounts(h);
    const agent = new Agent(h);
    const missing = await agent.post('/signup', signUpForm(`csrf-${kind}@example.org`), { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('This form has expired');
    const wrong = await agent.post('/signup', signUpForm(`csrf-${kind}@example.org`), { csrf: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(await countAccounts(h)).toBe(before);
  });

  it('logs in, keeps only local "next" targets, and logs out', async () => {
    const user = await makeUser(h.ctx);
    const agent = new Agent(h);
    const res = await agent.post('/login', { email: user.email, password: user.password, next: '/groups' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/groups');
    const cookie = res.cookies.find((c) => c.name === 'convene_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBe(true); // BASE_URL is https

    for (const evil of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const other = new Agent(h);
      const r = await other.post('/login', { email: user.email, password: user.password, next: evil });
      expect(r.headers.location).toBe('/');
    }

    const out = await agent.post('/logout', {});
    expect(out.statusCode).toBe(303);
    const stored = await h.ctx.db.select().from(sessions).where(eq(sessions.accountId, user.id));
    expect(stored.length).toBe(3); // the three "evil next" logins remain; this one is gone
    expect((await agent.get('/account')).statusCode).toBe(303);
  });

  it('rate-limits failed logins per address', async () => {
    const user = await makeUser(h.ctx);
    const agent = new Agent(h);
    for (let i = 0; i < 5; i++) {
      const r = await agent.post('/login', { email: user.email, password: 'wrong password!' });
      expect(r.statusCode).toBe(401);
      expect(r.body).toContain('not correct');
    }
    const blocked = await agent.post('/login', { email: user.email, password: user.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Too many failed attempts');
    h.clock.advance(16 * 60_000);
    expect((await agent.post('/login', { email: user.email, password: user.password })).statusCode).toBe(303);
  });

  it('resets a password by mailed link, without revealing which addresses exist', async () => {
    const user = await makeUser(h.ctx);
    const signedIn = new Agent(h);
    await signedIn.login(user.email, user.password);

    const agent = new Agent(h);
    const unknown = await agent.post('/account/forgot', { email: `nobody-${kind}@example.org` });
    const known = await agent.post('/account/forgot', { email: user.email });
    expect(unknown.statusCode).toBe(200);
    expect(known.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    const link = linkIn((await lastMailTo(h, user.email))!.textBody!);
    const token = new URL(link).searchParams.get('token')!;

    const weak = await agent.post('/account/reset', { token, password: 'short' });
    expect(weak.statusCode).toBe(422);
    const ok = await agent.post('/account/reset', { token, password: 'a brand new password' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Your password has been changed');
    // Old sessions are signed out; the old password no longer works; the new one does.
    expect((await signedIn.get('/account')).statusCode).toBe(303);
    expect((await new Agent(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await new Agent(h).post('/login', { email: user.email, password: 'a brand new password' })).statusCode).toBe(303);
    expect((await agent.post('/account/reset', { token, password: 'another new password' })).statusCode).toBe(400);
  });

  it('refuses a malformed address on the reset form', async () => {
    const res = await new Agent(h).post('/account/forgot', { email: 'not an address' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Please enter a valid e-mail address');
  });

  it('?lang= changes the page and the browsing, not the account; the switcher and the settings change the account', async () => {
    const user = await makeUser(h.ctx);
    const languageOf = async () => (await h.ctx.db.select().from(accounts).where(eq(accounts.id, user.id)))[0]!.preferredLanguage;
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    expect(await languageOf()).toBeNull();

    const arabic = await agent.get('/groups?lang=ar');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(agent.cookie('convene_lang')).toBe('ar');
    expect((await agent.get('/groups')).body).toContain('<html lang="ar" dir="rtl">'); // the browsing follows
    expect(await languageOf()).toBeNull(); // the account does not
    await new Agent(h).post('/account/forgot', { email: user.email });
    expect((await lastMailTo(h, user.email))!.subject).toBe('Reset your password');

    // The switcher, for someone signed in, is a form (no script needed): its choice is the account's too.
    const page = await agent.get('/groups');
    const switcher = $1(page.body, '.language-menu form[action="/account/language"]');
    expect($$(switcher, 'button[name="lang"]').map((b) => b.getAttribute('value'))).toEqual(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
    const next = $1(switcher, 'input[name="next"]').getAttribute('value')!;
    expect(next).toBe('/groups');
    const chosen = await agent.post('/account/language', { lang: 'zh', next });
    expect([chosen.statusCode, chosen.headers.location]).toEqual([303, '/groups?lang=zh']);
    expect(await languageOf()).toBe('zh');
    expect((await agent.get(chosen.headers.location as string)).body).toContain('<html lang="zh-Hans"');
    await new Agent(h).post('/account/forgot', { email: user.email });
    expect((await lastMailTo(h, user.email))!.subject).toBe('重置您的密码');

    // A choice that is not a language, or a next elsewhere, is refused or ignored.
    expect((await agent.post('/account/language', { lang: 'xx', next: '/groups' })).statusCode).toBe(400);
    const elsewhere = await agent.post('/account/language', { lang: 'fr', next: '//evil.example' });
    expect(elsewhere.headers.location).toBe('/?lang=fr');
    expect(await languageOf()).toBe('fr');
    // Nobody signed in: links, and no form to post.
    expect($((await new Agent(h).get('/groups')).body, '.language-menu form')).toBeNull();
    expect((await new Agent(h).post('/account/language', { lang: 'ar', next: '/' })).statusCode).toBe(401);

    // The account settings show the account's language and change it.
    const settings = await agent.get('/account');
    expect($1(settings.body, 'select[name="preferredLanguage"] option[selected]').getAttribute('value')).toBe('fr');
    const saved = await agent.post('/account', {
      givenName: 'Test',
      familyName: 'User',
      category: 'non-member',
      preferredLanguage: 'es',
    });
    expect(saved.statusCode).toBe(303);
    expect(await languageOf()).toBe('es');
    expect(
      (await agent.post('/account', { givenName: 'Test', familyName: 'User', category: 'non-member', preferredLanguage: 'xx' })).statusCode,
    ).toBe(422);
    expect(await languageOf()).toBe('es');
  });

  it('updates the profile and refuses bad values', async () => {
    const user = await makeUser(h.ctx);
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const bad = await agent.post('/account', { givenName: '', familyName: 'X', category: 'emperor' });
    expect(bad.statusCode).toBe(422);
    const good = await agent.post('/account', {
      title: 'Dr',
      givenName: 'Li',
      familyName: 'Wei',
      organization: 'CAICT',
      country: 'CN',
      category: 'academia',
    });
    expect(good.statusCode).toBe(303);
    const [row] = await h.ctx.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect([row!.givenName, row!.country, row!.category]).toEqual(['Li', 'CN', 'academia']);
  });

  it('issues personal API tokens, stores only their hash, and accepts them as Bearer', async () => {
    const user = await makeUser(h.ctx);
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const page = await agent.post('/account/tokens', { tokenName: 'script' });
    const token = /cvn_[\w-]{43}/.exec(page.body)?.[0];
    expect(token).toBeTruthy();
    const stored = await h.ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, user.id));
    expect(stored.length).toBe(1);
    expect(stored[0]!.tokenHash).not.toContain(token!.slice(4));

    const me = await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: user.email, role: 'participant', emailVerified: true });

    const used = async () => {
      await flushTokenUse(h.ctx); // the app writes "last used" in batches
      return (await h.ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, user.id)))[0]!.lastUsedAt;
    };
    const firstUse = h.clock.now();
    expect(await used()).toEqual(firstUse);
    h.clock.advance(10 * 60_000); // within the hour: the use is not written again
    await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(await used()).toEqual(firstUse);
    h.clock.advance(2 * 3_600_000);
    await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(await used()).toEqual(h.clock.now());

    const anonymous = await h.app.inject({ url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    const forged = await h.app.inject({ url: '/api/me', headers: { authorization: 'Bearer cvn_nope' } });
    expect(forged.statusCode).toBe(401);

    await agent.post(`/account/tokens/${stored[0]!.id}/delete`, {});
    expect((await h.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('cannot revoke someone else’s token', async () => {
    const owner = await makeUser(h.ctx);
    const other = await makeUser(h.ctx);
    const ownerAgent = new Agent(h);
    await ownerAgent.login(owner.email, owner.password);
    await ownerAgent.post('/account/tokens', { tokenName: 'mine' });
    const [tok] = await h.ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, owner.id));
    const otherAgent = new Agent(h);
    await otherAgent.login(other.email, other.password);
    const res = await otherAgent.post(`/account/tokens/${tok!.id}/delete`, {});
    expect(res.statusCode).toBe(404);
    expect((await h.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, tok!.id))).length).toBe(1);
  });
});
