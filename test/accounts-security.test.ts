import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts, accountTokens, apiTokens, recoveryCodes, sessions, signupRequests, twoFactor } from '../src/modules/accounts/schema.ts';
import { base32Decode, hotp, timeStep } from '../src/modules/accounts/totp.ts';
import { resealTwoFactorSecrets } from '../src/modules/accounts/two-factor.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { $$, text } from './support/dom.ts';
import { databaseKinds, type Harness, makeUser, startHarness } from './support/harness.ts';

const NEW_PASSWORD = 'a brand new password';
let clientCounter = 0;
/** A distinct client address per agent, so per-client limits of one test do not reach another. */
const freshClient = () => {
  clientCounter += 1;
  return `127.1.${(clientCounter >> 8) & 255}.${clientCounter & 255}`;
};
const agentOf = (h: Harness) => new Agent(h, freshClient());

const mailsTo = async (h: Harness, to: string) =>
  (
    await h.ctx.db
      .select()
      .from(outbox)
      .where(eq(sql`lower(${outbox.toAddress})`, to.toLowerCase()))
  ).sort((a, b) => a.id - b.id);
const resetLinks = async (h: Harness, to: string) =>
  (await mailsTo(h, to))
    .filter((m) => m.kind === 'reset-password')
    .map((m) => new URL(/https:\/\/convene\.test\/\S+/.exec(m.textBody!)![0]).searchParams.get('token')!);
const countAccounts = async (h: Harness) => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(accounts))[0]!.n;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (h: Harness, token: string) => h.app.inject({ url: '/api/me', headers: bearer(token) });
const passwordHashOf = async (h: Harness, id: number) =>
  (await h.ctx.db.select().from(accounts).where(eq(accounts.id, id)))[0]!.passwordHash;
/** The page without its per-visitor CSRF tokens, to compare two answers. */
const withoutCsrf = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, '');

const signUpForm = (email: string, password = 'a long enough secret') => ({
  email,
  password,
  title: 'Dr',
  givenName: 'Wang',
  familyName: 'Yuntao',
  organization: 'Example Ministry',
  country: 'CN',
  category: 'member-state',
});

describe.each(databaseKinds)('password reset and change (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('a completed reset revokes every older reset link, every session and every API token, and says so on the page and by mail', async () => {
    const user = await makeUser(h.ctx);
    const tokens = [await createApiToken(h.ctx, user, 'script'), await createApiToken(h.ctx, user, 'ci')];
    const signedIn = agentOf(h);
    await signedIn.login(user.email, user.password);

    const anyone = agentOf(h);
    await anyone.post('/account/forgot', { email: user.email });
    await anyone.post('/account/forgot', { email: user.email });
    const [older, newer] = await resetLinks(h, user.email);
    const done = await anyone.post('/account/reset', { token: newer!, password: NEW_PASSWORD });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Your password has been changed');
    expect(done.body).toContain('Your 2 personal API tokens were revoked: create new ones on your account page.');

    for (const token of tokens) expect((await me(h, token)).statusCode).toBe(401);
    expect(await h.ctx.db.select().from(apiTokens).where(eq(apiTokens.accountId, user.id))).toEqual([]);
    expect((await signedIn.get('/account')).statusCode).toBe(303);
    // The older link was not used, and still it no longer works.
    const replay = await anyone.post('/account/reset', { token: older!, password: 'yet another password' });
    expect(replay.statusCode).toBe(400);
    expect((await agentOf(h).post('/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(303);

    const mail = (await mailsTo(h, user.email)).at(-1)!;
    expect(mail.subject).toBe('Your convene password was changed');
    expect(mail.textBody).toContain('Your 2 personal API tokens were revoked');
    expect(mail.textBody).toContain('https://convene.test/account');
  });

  it('changes the password on /account with the current one: other sessions, reset links and tokens end, this session stays', async () => {
    const user = await makeUser(h.ctx);
    const token = await createApiToken(h.ctx, user, 'script');
    const here = agentOf(h);
    await here.login(user.email, user.password);
    const elsewhere = agentOf(h);
    await elsewhere.login(user.email, user.password);
    await agentOf(h).post('/account/forgot', { email: user.email });
    const [link] = await resetLinks(h, user.email);

    const page = await here.get('/account');
    expect(page.body).toContain('action="/account/password"');
    const res = await here.post('/account/password', {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
      newPasswordAgain: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your password has been changed. You have been signed out everywhere else.');
    expect(res.body).toContain('Your 1 personal API token was revoked: create a new one on your account page.');

    expect((await here.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    expect((await me(h, token)).statusCode).toBe(401);
    expect((await agentOf(h).post('/account/reset', { token: link!, password: 'yet another password' })).statusCode).toBe(400);
    expect((await agentOf(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(401);
    expect((await agentOf(h).post('/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(303);
    const mail = (await mailsTo(h, user.email)).at(-1)!;
    expect(mail.subject).toBe('Your convene password was changed');
    expect(mail.textBody).toContain('Your 1 personal API token was revoked');
  });

  it('refuses a wrong current password (counted like a failed login), two different new ones, a short one and anonymous callers — changing nothing', async () => {
    const user = await makeUser(h.ctx);
    const token = await createApiToken(h.ctx, user);
    const agent = agentOf(h);
    await agent.login(user.email, user.password);
    const hash = await passwordHashOf(h, user.id);

    const mismatch = await agent.post('/account/password', {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
      newPasswordAgain: 'something else entirely',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('The two new passwords are not the same.');
    const short = await agent.post('/account/password', {
      currentPassword: user.password,
      newPassword: 'short',
      newPasswordAgain: 'short',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Use at least 10 characters');
    const anonymous = await agentOf(h).post('/account/password', {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
      newPasswordAgain: NEW_PASSWORD,
    });
    expect(anonymous.statusCode).toBe(401);
    for (let i = 0; i < 5; i++) {
      const wrong = await agent.post('/account/password', {
        currentPassword: 'not my password',
        newPassword: NEW_PASSWORD,
        newPasswordAgain: NEW_PASSWORD,
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('The password is not correct.');
    }
    expect(await passwordHashOf(h, user.id)).toBe(hash);
    expect((await me(h, token)).statusCode).toBe(200);
    expect((await agent.get('/account')).statusCode).toBe(200);
    // The five wrong passwords count against the address's login limit.
    expect((await agentOf(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(429);
    const limited = await agent.post('/account/password', {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
      newPasswordAgain: NEW_PASSWORD,
    });
    expect(limited.statusCode).toBe(429);
    expect(await passwordHashOf(h, user.id)).toBe(hash);
  });
});

describe.each(databaseKinds)('reset and sign-up requests (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('throttles reset mails per address: 40 requests at once queue at most 3 mails, and every answer is the usual one', async () => {
    const user = await makeUser(h.ctx);
    const agents = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const a = agentOf(h);
        await a.get('/account/forgot');
        return a;
      }),
    );
    const answers = await Promise.all(agents.map((a) => a.post('/account/forgot', { email: user.email })));
    expect(new Set(answers.map((r) => r.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((r) => withoutCsrf(r.body))).size).toBe(1);
    expect(answers[0]!.body).toContain('If an account uses this address, we have sent it a link.');
    expect((await mailsTo(h, user.email)).filter((m) => m.kind === 'reset-password')).toHaveLength(3);
    expect((await h.ctx.db.select().from(accountTokens).where(eq(accountTokens.accountId, user.id))).length).toBe(3);
    // The next hour, the address may have mail again.
    h.clock.advance(3_600_000);
    await agentOf(h).post('/account/forgot', { email: user.email });
    expect((await mailsTo(h, user.email)).filter((m) => m.kind === 'reset-password')).toHaveLength(4);
  });

  it('throttles reset requests per client with a localized 429 that names no address, whichever addresses it tries', async () => {
    const user = await makeUser(h.ctx);
    const client = agentOf(h);
    for (let i = 0; i < 20; i++) {
      expect((await client.post('/account/forgot', { email: `nobody-${kind}-${i}@example.org` })).statusCode).toBe(200);
    }
    const refused = await client.post('/account/forgot?lang=fr', { email: user.email });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Trop de demandes depuis votre réseau. Veuillez patienter');
    const unknown = await client.post('/account/forgot?lang=fr', { email: `nobody-${kind}-x@example.org` });
    expect(unknown.statusCode).toBe(429);
    expect(withoutCsrf(unknown.body).replace(/value="[^"]*@example.org"/, '')).toBe(
      withoutCsrf(refused.body).replace(/value="[^"]*@example.org"/, ''),
    );
    expect(await mailsTo(h, user.email)).toEqual([]);
    // Another client is not affected.
    expect((await agentOf(h).post('/account/forgot', { email: user.email })).statusCode).toBe(200);
    expect((await mailsTo(h, user.email)).length).toBe(1);
  });

  it('answers a sign-up for a registered address exactly as a new one, creates nothing, and mails the owner instead (throttled)', async () => {
    const owner = await makeUser(h.ctx);
    const before = await countAccounts(h);
    const fresh = await agentOf(h).post('/signup', signUpForm(`fresh-${kind}@example.org`));
    const taken = await agentOf(h).post('/signup', signUpForm(owner.email.toUpperCase(), 'the impostor password'));
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.statusCode).toBe(200);
    expect(withoutCsrf(taken.body)).toBe(withoutCsrf(fresh.body));
    expect(taken.body).toContain('Check your mail');
    expect(taken.body).not.toContain('already exists');
    expect(await countAccounts(h)).toBe(before);
    expect(
      await h.ctx.db
        .select()
        .from(signupRequests)
        .where(eq(sql`lower(${signupRequests.email})`, owner.email)),
    ).toEqual([]);
    expect(await passwordHashOf(h, owner.id)).toMatch(/^\$argon2id\$/);
    expect((await agentOf(h).post('/login', { email: owner.email, password: 'the impostor password' })).statusCode).toBe(401);

    const [mail] = await mailsTo(h, owner.email);
    expect(mail!.subject).toBe('Someone tried to sign up with your address');
    expect(mail!.textBody).toContain('You already have an account, so nothing was created.');
    expect(mail!.textBody).toContain('https://convene.test/login');
    expect(mail!.textBody).toContain('https://convene.test/account/forgot');
    for (let i = 0; i < 5; i++) await agentOf(h).post('/signup', signUpForm(owner.email));
    expect((await mailsTo(h, owner.email)).length).toBe(3);
  });

  it('of two sign-ups for one new address, the first link opened makes the account and the other finds it made', async () => {
    const email = `twice-${kind}@example.org`;
    await agentOf(h).post('/signup', signUpForm(email, 'first password here'));
    await agentOf(h).post('/signup', signUpForm(email, 'second password here'));
    const links = (await mailsTo(h, email)).map((m) => /https:\/\/convene\.test(\S+)/.exec(m.textBody!)![1]!);
    expect(links).toHaveLength(2);
    const agent = agentOf(h);
    expect((await agent.get(links[1]!)).body).toContain('Your account is ready');
    const second = await agent.get(links[0]!);
    expect(second.statusCode).toBe(400); // that link is gone with the sign-up it belonged to
    expect((await h.ctx.db.select().from(accounts).where(eq(accounts.email, email))).length).toBe(1);
    expect((await agentOf(h).post('/login', { email, password: 'second password here' })).statusCode).toBe(303);
  });

  it('two links for one new address opened at once: one account, the other link refused — never a 500 (PostgreSQL deadlocked)', async () => {
    for (let round = 0; round < 4; round++) {
      const email = `at-once-${round}-${kind}@example.org`;
      await agentOf(h).post('/signup', signUpForm(email, 'first password here'));
      await agentOf(h).post('/signup', signUpForm(email, 'second password here'));
      const links = (await mailsTo(h, email)).map((m) => /https:\/\/convene\.test(\S+)/.exec(m.textBody!)![1]!);
      expect(links).toHaveLength(2);
      const opened = await Promise.all(links.map((link) => agentOf(h).get(link)));
      expect(opened.map((r) => r.statusCode).sort()).toEqual([200, 400]);
      expect((await h.ctx.db.select().from(accounts).where(eq(accounts.email, email))).length).toBe(1);
    }
  });

  it('refuses bad sign-up and reset input with field errors, and changes nothing', async () => {
    const before = await countAccounts(h);
    const mails = (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(outbox))[0]!.n;
    const bad = await agentOf(h).post('/signup', { ...signUpForm('not-an-address'), password: 'short' });
    expect(bad.statusCode).toBe(422);
    const reset = await agentOf(h).post('/account/forgot', { email: 'x'.repeat(300) });
    expect(reset.statusCode).toBe(422);
    const noToken = await agentOf(h).post('/account/reset', { password: NEW_PASSWORD });
    expect(noToken.statusCode).toBe(422);
    expect(await countAccounts(h)).toBe(before);
    expect((await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(outbox))[0]!.n).toBe(mails);
  });
});

describe.each(databaseKinds)('atomic login limit (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('evaluates at most 5 of 20 parallel wrong passwords, then refuses the right one until the window passes', async () => {
    const user = await makeUser(h.ctx);
    const agents = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const a = agentOf(h);
        await a.get('/login');
        return a;
      }),
    );
    const answers = await Promise.all(agents.map((a) => a.post('/login', { email: user.email, password: 'wrong password!' })));
    const evaluated = answers.filter((r) => r.statusCode === 401);
    const refused = answers.filter((r) => r.statusCode === 429);
    expect(evaluated.length + refused.length).toBe(20);
    expect(evaluated.length).toBe(5);
    for (const r of evaluated) expect(r.body).toContain('not correct');
    for (const r of refused) expect(r.body).toContain('Too many failed attempts');
    expect((await agentOf(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(429);
    h.clock.advance(16 * 60_000);
    expect((await agentOf(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(303);
  });
});

/** The secret shown on the enrolment page, and the code it gives now (or `steps` later). */
const shownSecret = (body: string) => /<code class="token" dir="ltr">([A-Z2-7 ]+)<\/code>/.exec(body)?.[1]?.replace(/ /g, '') ?? '';
const codeFor = (h: Harness, secret: string, steps = 0) => hotp(base32Decode(secret)!, timeStep(h.clock.now()) + steps);
/** A six-digit code that is not `code`. */
const otherThan = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
const recoveryCodesIn = (body: string) =>
  $$(body, 'li > code')
    .map(text)
    .filter((code) => /^[a-z2-9-]{19}$/.test(code));

async function enrol(h: Harness, agent: Agent, password: string): Promise<{ secret: string; codes: string[] }> {
  expect((await agent.post('/account/two-factor/start', {})).statusCode).toBe(303);
  const secret = shownSecret((await agent.get('/account/two-factor')).body);
  const done = await agent.post('/account/two-factor/confirm', { code: codeFor(h, secret), password });
  expect(done.statusCode).toBe(200);
  return { secret, codes: recoveryCodesIn(done.body) };
}

/** Password step of a login; returns the agent waiting for its code. */
async function passwordStep(h: Harness, email: string, password: string, next = '/account') {
  const agent = agentOf(h);
  const res = await agent.post('/login', { email, password, next });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/login/two-factor');
  expect(agent.cookie('convene_session')).toBeUndefined();
  return agent;
}

describe.each(databaseKinds)('two-factor authentication (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('enrols an app: the secret as text and QR code, confirmed with a code and the password, ten recovery codes shown once, sealed at rest', async () => {
    const user = await makeUser(h.ctx);
    const agent = agentOf(h);
    await agent.login(user.email, user.password);
    const elsewhere = agentOf(h);
    await elsewhere.login(user.email, user.password);
    expect((await agent.get('/account')).body).toContain('Two-factor authentication is off.');

    expect((await agent.post('/account/two-factor/start', {})).statusCode).toBe(303);
    const page = await agent.get('/account/two-factor');
    expect(page.headers['cache-control']).toBe('no-store');
    const secret = shownSecret(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = /<img class="qr" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(page.body)?.[1];
    expect(Buffer.from(qr!, 'base64').toString()).toMatch(/^<svg[^>]*><rect width="100%" height="100%" fill="#fff"\/><path d="M/);
    const [stored] = await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id));
    expect(stored!.secret).toBeNull();
    expect(stored!.pendingSecret).toMatch(/^v1\./);
    expect(stored!.pendingSecret).not.toContain(secret);

    const wrongCode = await agent.post('/account/two-factor/confirm', { code: '000000', password: user.password });
    expect(wrongCode.statusCode).toBe(422);
    const wrongPassword = await agent.post('/account/two-factor/confirm', { code: codeFor(h, secret), password: 'not my password' });
    expect(wrongPassword.statusCode).toBe(401);
    expect((await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id)))[0]!.secret).toBeNull();

    const done = await agent.post('/account/two-factor/confirm', { code: codeFor(h, secret), password: user.password });
    expect(done.statusCode).toBe(200);
    const codes = recoveryCodesIn(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const rows = await h.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, user.id));
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(codes.some((c) => r.codeHash.includes(c.replace(/-/g, '')))).toBe(false);
    const [active] = await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id));
    expect(active!.secret).toMatch(/^v1\./);
    expect(active!.pendingSecret).toBeNull();
    // Shown once: the page no longer has them, nor the secret.
    const after = await agent.get('/account/two-factor');
    expect(recoveryCodesIn(after.body)).toEqual([]);
    expect(after.body).not.toContain(secret.slice(0, 8));
    expect(after.body).toContain('Recovery codes left: 10.');
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    expect((await mailsTo(h, user.email)).at(-1)!.subject).toBe('Two-factor authentication is on');
  });

  it('asks for a code after the password; a used code cannot be replayed; a recovery code works once; API tokens keep working', async () => {
    const user = await makeUser(h.ctx);
    const token = await createApiToken(h.ctx, user);
    const setup = agentOf(h);
    await setup.login(user.email, user.password);
    const { secret, codes } = await enrol(h, setup, user.password);
    h.clock.advance(30_000); // the code used to enrol is spent

    const waiting = await passwordStep(h, user.email, user.password, '/me/registrations');
    expect((await waiting.get('/login/two-factor')).body).toContain('Enter your code');
    expect((await waiting.get('/account')).statusCode).toBe(303); // not signed in yet
    const wrong = await waiting.post('/login/two-factor', { code: otherThan(codeFor(h, secret)) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('This code is not correct');
    const code = codeFor(h, secret);
    const ok = await waiting.post('/login/two-factor', { code });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/me/registrations');
    expect((await waiting.get('/account')).statusCode).toBe(200);

    // The same code again, within its window: refused.
    const replay = await passwordStep(h, user.email, user.password);
    expect((await replay.post('/login/two-factor', { code })).statusCode).toBe(401);
    h.clock.advance(30_000);
    expect((await replay.post('/login/two-factor', { code: codeFor(h, secret) })).statusCode).toBe(303);

    const recovering = await passwordStep(h, user.email, user.password);
    const recovered = await recovering.post('/login/two-factor', { code: codes[3]!.toUpperCase() });
    expect(recovered.statusCode).toBe(303);
    const notice = (await mailsTo(h, user.email)).at(-1)!;
    expect(notice.subject).toBe('A recovery code was used to log in');
    expect(notice.textBody).toContain('Recovery codes left: 9.');
    const again = await passwordStep(h, user.email, user.password);
    expect((await again.post('/login/two-factor', { code: codes[3]! })).statusCode).toBe(401);

    expect((await me(h, token)).statusCode).toBe(200);
  });

  it('allows five codes per pending login, counts them as failed logins, and lets a pending login expire', async () => {
    const user = await makeUser(h.ctx);
    const setup = agentOf(h);
    await setup.login(user.email, user.password);
    const { secret } = await enrol(h, setup, user.password);
    h.clock.advance(30_000);

    const waiting = await passwordStep(h, user.email, user.password);
    for (let i = 0; i < 5; i++)
      expect((await waiting.post('/login/two-factor', { code: otherThan(codeFor(h, secret)) })).statusCode).toBe(401);
    const gone = await waiting.post('/login/two-factor', { code: codeFor(h, secret) });
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe('/login?notice=loginExpired');
    expect((await waiting.get('/account')).statusCode).toBe(303);
    // The five wrong codes count against the address, like wrong passwords.
    expect((await agentOf(h).post('/login', { email: user.email, password: user.password })).statusCode).toBe(429);
    h.clock.advance(16 * 60_000);

    const slow = await passwordStep(h, user.email, user.password);
    h.clock.advance(6 * 60_000);
    expect((await slow.get('/login/two-factor')).headers.location).toBe('/login?notice=loginExpired');
    expect((await slow.post('/login/two-factor', { code: codeFor(h, secret) })).headers.location).toBe('/login?notice=loginExpired');
    expect((await agentOf(h).post('/login/two-factor', { code: codeFor(h, secret) })).headers.location).toBe('/login?notice=loginExpired');
  });

  it('turns off with the password and a code; a secretariat account cannot turn it off, only move it to a new app', async () => {
    const user = await makeUser(h.ctx);
    const agent = agentOf(h);
    await agent.login(user.email, user.password);
    const { secret } = await enrol(h, agent, user.password);
    h.clock.advance(30_000);
    const noCode = await agent.post('/account/two-factor/disable', { code: '', password: user.password });
    expect(noCode.statusCode).toBe(422);
    const badPassword = await agent.post('/account/two-factor/disable', { code: codeFor(h, secret), password: 'nope nope nope' });
    expect(badPassword.statusCode).toBe(401);
    expect((await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id)))[0]!.secret).not.toBeNull();
    const off = await agent.post('/account/two-factor/disable', { code: codeFor(h, secret), password: user.password });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/account/two-factor?notice=twoFactorOff');
    expect(await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id))).toEqual([]);
    expect(await h.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, user.id))).toEqual([]);
    expect((await mailsTo(h, user.email)).at(-1)!.subject).toBe('Two-factor authentication is off');
    expect((await agentOf(h).post('/login', { email: user.email, password: user.password, next: '/account' })).headers.location).toBe(
      '/account',
    );

    const sec = await makeUser(h.ctx, { role: 'secretariat' });
    const secAgent = agentOf(h);
    await secAgent.login(sec.email, sec.password);
    expect((await secAgent.get('/account')).body).toContain('Secretariat accounts should turn it on');
    const first = await enrol(h, secAgent, sec.password);
    h.clock.advance(30_000);
    const page = await secAgent.get('/account/two-factor');
    expect(page.body).not.toContain('action="/account/two-factor/disable"');
    const refused = await secAgent.post('/account/two-factor/disable', { code: codeFor(h, first.secret), password: sec.password });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Secretariat accounts keep two-factor authentication once it is on.');
    expect((await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, sec.id)))[0]!.secret).not.toBeNull();

    // Replacing: the old app works until the new one is confirmed, then only the new one does.
    expect((await secAgent.post('/account/two-factor/start', {})).statusCode).toBe(303);
    const next = shownSecret((await secAgent.get('/account/two-factor')).body);
    expect(next).not.toBe(first.secret);
    const meanwhile = await passwordStep(h, sec.email, sec.password);
    expect((await meanwhile.post('/login/two-factor', { code: codeFor(h, first.secret) })).statusCode).toBe(303);
    h.clock.advance(30_000);
    const replaced = await secAgent.post('/account/two-factor/confirm', { code: codeFor(h, next), password: sec.password });
    expect(replaced.statusCode).toBe(200);
    expect(recoveryCodesIn(replaced.body)).toHaveLength(10);
    expect((await mailsTo(h, sec.email)).at(-1)!.subject).toBe('Two-factor authentication moved to a new app');
    h.clock.advance(30_000);
    const oldApp = await passwordStep(h, sec.email, sec.password);
    expect((await oldApp.post('/login/two-factor', { code: codeFor(h, first.secret) })).statusCode).toBe(401);
    expect((await oldApp.post('/login/two-factor', { code: first.codes[0]! })).statusCode).toBe(401);
    expect((await oldApp.post('/login/two-factor', { code: codeFor(h, next) })).statusCode).toBe(303);
  });

  it('refuses anonymous callers and bad input on every two-factor form, changing nothing', async () => {
    const countTwoFactor = async () => (await h.ctx.db.select({ n: sql<number>`count(*)::int` }).from(twoFactor))[0]!.n;
    const before = await countTwoFactor();
    const anonymous = agentOf(h);
    for (const path of [
      '/account/two-factor/start',
      '/account/two-factor/confirm',
      '/account/two-factor/disable',
      '/account/two-factor/recovery-codes',
    ]) {
      expect((await anonymous.post(path, { code: '123456', password: 'whatever password' })).statusCode).toBe(401);
    }
    expect((await anonymous.get('/account/two-factor')).headers.location).toBe('/login?next=%2Faccount%2Ftwo-factor');
    expect(await countTwoFactor()).toBe(before);

    const user = await makeUser(h.ctx);
    const agent = agentOf(h);
    await agent.login(user.email, user.password);
    const noEnrolment = await agent.post('/account/two-factor/confirm', { code: '123456', password: user.password });
    expect(noEnrolment.statusCode).toBe(409);
    expect(noEnrolment.body).toContain('There is no new app to confirm');
    expect((await agent.post('/account/two-factor/disable', { code: '123456', password: user.password })).statusCode).toBe(409);
    expect((await agent.post('/account/two-factor/recovery-codes', { password: user.password })).statusCode).toBe(409);
    await agent.post('/account/two-factor/start', {});
    for (const code of ['x'.repeat(100_000), '12 34 5', '\u202e123456']) {
      const res = await agent.post('/account/two-factor/confirm', { code, password: user.password });
      expect([401, 422]).toContain(res.statusCode);
    }
    expect((await agent.post('/account/two-factor/confirm', { password: user.password })).statusCode).toBe(422);
    const [row] = await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id));
    expect(row!.secret).toBeNull();
    expect(await h.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, user.id))).toEqual([]);
  });

  it('makes new recovery codes with the password; exports two-factor without its secret; rotate-data-key re-seals it; deletion removes it', async () => {
    const user = await makeUser(h.ctx);
    const agent = agentOf(h);
    await agent.login(user.email, user.password);
    const { secret, codes } = await enrol(h, agent, user.password);
    expect((await agent.post('/account/two-factor/recovery-codes', { password: 'wrong wrong wrong' })).statusCode).toBe(401);
    const renewed = await agent.post('/account/two-factor/recovery-codes', { password: user.password });
    const fresh = recoveryCodesIn(renewed.body);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    h.clock.advance(30_000);
    expect((await (await passwordStep(h, user.email, user.password)).post('/login/two-factor', { code: codes[0]! })).statusCode).toBe(401);

    const exported = await agent.get('/account/export.json');
    const data = JSON.parse(exported.body);
    expect(data.twoFactor.enabled).toBe(true);
    expect(data.twoFactor.recoveryCodes).toHaveLength(10);
    const [row] = await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id));
    expect(exported.body).not.toContain(secret);
    expect(exported.body).not.toContain(row!.secret!);
    expect(exported.body).not.toContain('codeHash');

    // A new current key, the harness's key still readable (as CONVENE_DATA_KEYS_OLD makes it).
    const next = makeKeyring(randomBytes(32));
    const rotated = { ...h.ctx, keyring: { ...next, open: (v: string) => (next.isCurrent(v) ? next.open(v) : h.ctx.keyring.open(v)) } };
    expect(await resealTwoFactorSecrets(rotated)).toBeGreaterThanOrEqual(1);
    const [resealed] = await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id));
    expect(next.isCurrent(resealed!.secret!)).toBe(true);
    expect(next.open(resealed!.secret!).toString()).toBe(secret);
    expect(await resealTwoFactorSecrets(rotated)).toBe(0);

    expect((await agent.post('/account/delete', { password: user.password })).statusCode).toBe(303);
    expect(await h.ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, user.id))).toEqual([]);
    expect(await h.ctx.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, user.id))).toEqual([]);
    expect(await h.ctx.db.select().from(sessions).where(eq(sessions.accountId, user.id))).toEqual([]);
  });
});
