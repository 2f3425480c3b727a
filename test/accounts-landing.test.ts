import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.ts';
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
const hostile = ['//evil.example', 'https://evil.example', '/\\evil.example'];

const lastMailTo = async (h: Harness, to: string) =>
  (await h.ctx.db.select().from(outbox).where(eq(outbox.toAddress, to))).sort((a, b) => b.id - a.id)[0];
/** The mailed link, as a path of the application. */
const linkIn = (text: string) => (/https:\/\/convene\.test(\/\S+)/.exec(text)?.[1] ?? '').replace(/[.,;]$/, '');
const nextIn = (href: string | null | undefined) => new URL(href ?? '', 'http://x').searchParams.get('next');

describe.each(databaseKinds)('after login or sign-up, people land where they were going (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('the login page collapses a nested next, and its links carry the same next', async () => {
    const agent = new Agent(h);
    const asked = await agent.get(
      `/login?next=${encodeURIComponent(`/login?next=${encodeURIComponent('/login?next=/meetings/1')}`)}&lang=en`,
    );
    // Sent to the form's own address with the next it will use, so the page repeats no nested one.
    expect([asked.statusCode, asked.headers.location]).toEqual([303, '/login?next=%2Fmeetings%2F1&lang=en']);
    const page = await agent.get(asked.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect($1(page.body, 'form[action="/login"] input[name="next"]').getAttribute('value')).toBe('/meetings/1');
    const signUp = $$(page.body, 'main a').find((a) => a.getAttribute('href')?.startsWith('/signup'));
    expect(nextIn(signUp?.getAttribute('href'))).toBe('/meetings/1');
    // No link on the page (the header's included) leads to a login or sign-up page that leads to another.
    for (const a of $$(page.body, 'a[href^="/login"], a[href^="/signup"]')) {
      expect(nextIn(a.getAttribute('href')) ?? '/').not.toMatch(/^\/(login|signup)/);
    }
    expect(page.body).not.toContain('next=%2Flogin');
  });

  it('the sign-up page keeps next, and its login link carries it', async () => {
    const agent = new Agent(h);
    const asked = await agent.get('/signup?next=/login?next=/groups');
    expect([asked.statusCode, asked.headers.location]).toEqual([303, '/signup?next=%2Fgroups']);
    const page = await agent.get(asked.headers.location as string);
    expect($1(page.body, 'form[action="/signup"] input[name="next"]').getAttribute('value')).toBe('/groups');
    const login = $$(page.body, 'main a').find((a) => a.getAttribute('href')?.startsWith('/login'));
    expect(nextIn(login?.getAttribute('href'))).toBe('/groups');
  });

  it('drops a hostile next from the login and sign-up pages, and a login posted with one goes home', async () => {
    const user = await makeUser(h.ctx);
    for (const evil of hostile) {
      for (const form of ['/login', '/signup']) {
        const agent = new Agent(h);
        const asked = await agent.get(`${form}?next=${encodeURIComponent(evil)}&lang=fr`);
        expect([asked.statusCode, asked.headers.location]).toEqual([303, `${form}?lang=fr`]);
        const page = await agent.get(asked.headers.location as string);
        expect($1(page.body, `form[action="${form}"] input[name="next"]`).getAttribute('value')).toBe('/');
        expect(page.body).not.toContain('evil.example');
      }
      const posted = await new Agent(h).post('/login', { email: user.email, password: user.password, next: evil });
      expect([posted.statusCode, posted.headers.location]).toEqual([303, '/']);
    }
  });

  it('sends someone already signed in on to next (or home) instead of showing the form', async () => {
    const user = await makeUser(h.ctx);
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const onward = await agent.get('/login?next=/groups');
    expect(onward.statusCode).toBe(303);
    expect(onward.headers.location).toBe('/groups');
    const nested = await agent.get(`/login?next=${encodeURIComponent('/login?next=/groups')}`);
    expect(nested.headers.location).toBe('/groups');
    const home = await agent.get('/login');
    expect([home.statusCode, home.headers.location]).toEqual([303, '/']);
    for (const evil of hostile) {
      const refused = await agent.get(`/login?next=${encodeURIComponent(evil)}`);
      expect([refused.statusCode, refused.headers.location]).toEqual([303, '/']);
    }
    // Nobody signed in still gets the form.
    expect((await new Agent(h).get('/login?next=/groups')).statusCode).toBe(200);
  });

  it('keeps next across sign-up and the mailed link: the page after it logs in and goes on there', async () => {
    const email = `landing-${kind}@example.org`;
    const agent = new Agent(h);
    const sent = await agent.post('/signup', { ...signUpForm(email), next: '/groups?lang=en' });
    expect(sent.statusCode).toBe(200);
    const link = linkIn((await lastMailTo(h, email))!.textBody!);
    expect(link).toMatch(/^\/account\/verify\?token=/);
    expect(nextIn(link)).toBe('/groups?lang=en');

    const ready = await agent.get(link);
    expect(ready.body).toContain('Your account is ready');
    const login = $(ready.body, 'main a[href^="/login"]');
    expect(nextIn(login?.getAttribute('href'))).toBe('/groups?lang=en');
    const form = await agent.get(login!.getAttribute('href')!);
    const next = $1(form.body, 'form[action="/login"] input[name="next"]').getAttribute('value')!;
    const done = await agent.post('/login', { email, password: 'a long enough secret', next });
    expect([done.statusCode, done.headers.location]).toEqual([303, '/groups?lang=en']);
  });

  it('mails no hostile next in the sign-up link', async () => {
    for (const [i, evil] of hostile.entries()) {
      const email = `hostile-${i}-${kind}@example.org`;
      expect((await new Agent(h).post('/signup', { ...signUpForm(email), next: evil })).statusCode).toBe(200);
      const text = (await lastMailTo(h, email))!.textBody!;
      expect(nextIn(linkIn(text))).toBeNull();
      expect(text).not.toContain('evil.example');
    }
    // Nor does the verification page take one from a doctored link.
    const email = `doctored-${kind}@example.org`;
    const agent = new Agent(h);
    await agent.post('/signup', signUpForm(email));
    const link = linkIn((await lastMailTo(h, email))!.textBody!);
    const ready = await agent.get(`${link}&next=${encodeURIComponent('//evil.example')}`);
    expect(ready.body).toContain('Your account is ready');
    expect($1(ready.body, 'main').outerHTML).not.toContain('evil.example');
    // Nor do the header's links lead back to the used link.
    for (const a of $$(ready.body, '.site-tools > a, main a')) expect(nextIn(a.getAttribute('href')) ?? '/').toBe('/');
  });

  it('the confirmation asked for again leads back to the page it was asked on', async () => {
    const user = await makeUser(h.ctx);
    await h.ctx.db.update(accounts).set({ emailVerifiedAt: null }).where(eq(accounts.id, user.id));
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const page = await agent.get('/account');
    const banner = $1(page.body, '.banner form[action="/account/verify/resend"]');
    expect($1(banner, 'input[name="next"]').getAttribute('value')).toBe('/account');
    expect((await agent.post('/account/verify/resend', { next: '/account' })).statusCode).toBe(303);
    const link = linkIn((await lastMailTo(h, user.email))!.textBody!);
    expect(nextIn(link)).toBe('/account');
    const verified = await agent.get(link);
    expect(verified.body).toContain('E-mail address confirmed');
    expect($(verified.body, 'main a[href="/account"]')).not.toBeNull();
  });
});
