import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, signupRequests } from '../src/modules/accounts/schema.ts';
import { locales } from '../src/platform/i18n/index.ts';
import { Agent } from './support/agent.ts';
import { $, $$, $1, text } from './support/dom.ts';
import { type Harness, makeUser, startHarness } from './support/harness.ts';

const signUpForm = (email: string) => ({
  email,
  password: 'a long enough secret',
  title: 'Mr',
  givenName: 'Wei',
  familyName: 'Li',
  organization: 'Example Institute',
  country: 'CN',
  category: 'academia',
});

/** The names of the form's fields, in the order a reader meets them. */
const fieldOrder = (html: string) =>
  $$(html, 'form[action="/signup"] input:not([type="hidden"]), form[action="/signup"] select').map((el) => el.getAttribute('name'));

describe('the sign-up form', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('pre-selects no membership category: it starts on an empty "Choose…"', async () => {
    for (const lang of locales) {
      const page = await new Agent(h).get(`/signup?lang=${lang}`);
      const select = $1(page.body, 'select[name="category"]');
      const options = $$(select, 'option');
      expect(options[0]!.getAttribute('value')).toBe('');
      expect(text(options[0])).not.toBe('');
      // Nothing but the empty choice is selected: the browser sends no category unless one is chosen.
      expect(
        $$(select, 'option[selected]').map((o) => o.getAttribute('value')),
        lang,
      ).toEqual(['']);
      expect(select.hasAttribute('required')).toBe(true);
    }
    expect(text($1((await new Agent(h).get('/signup?lang=en')).body, 'select[name="category"] option'))).toBe('Choose…');
  });

  it('refuses a sign-up without a category, with the field error in the reader’s language, and keeps no request', async () => {
    for (const [lang, message] of [
      ['en', 'Choose the membership category you take part in'],
      ['fr', 'Choisissez la catégorie de membre'],
      ['zh', '请选择您参与时所属的成员类别'],
    ] as const) {
      const email = `no-category-${lang}@example.org`;
      const res = await new Agent(h).post(`/signup?lang=${lang}`, { ...signUpForm(email), category: '' });
      expect(res.statusCode).toBe(422);
      expect(text($1(res.body, '#f-category-error'))).toContain(message);
      expect($1(res.body, 'select[name="category"]').getAttribute('aria-invalid')).toBe('true');
      expect($(res.body, '.error-summary a[href="#f-category"]')).not.toBeNull();
      // The rest of the form comes back as sent.
      expect($1(res.body, 'input[name="givenName"]').getAttribute('value')).toBe('Wei');
      expect(await h.ctx.db.select().from(signupRequests).where(eq(signupRequests.email, email))).toHaveLength(0);
    }
    const { category: _none, ...missing } = signUpForm('missing-category@example.org');
    const res = await new Agent(h).post('/signup', missing);
    expect(res.statusCode).toBe(422);
    expect(text($1(res.body, '#f-category-error'))).toContain('Choose the membership category');
    // With a category, the same form goes through.
    expect((await new Agent(h).post('/signup', signUpForm('with-category@example.org'))).statusCode).toBe(200);
  });

  it('tells the browser what each field is for (autocomplete)', async () => {
    const page = await new Agent(h).get('/signup');
    const autocomplete = (name: string) => $1(page.body, `form[action="/signup"] [name="${name}"]`).getAttribute('autocomplete');
    expect(
      Object.fromEntries(
        ['email', 'password', 'title', 'givenName', 'familyName', 'organization', 'country'].map((name) => [name, autocomplete(name)]),
      ),
    ).toEqual({
      email: 'email',
      password: 'new-password',
      title: 'honorific-prefix',
      country: 'country',
      givenName: 'given-name',
      familyName: 'family-name',
      organization: 'organization',
    });
  });

  it('asks the family name first in Chinese and Russian, the given name first elsewhere', async () => {
    const order = async (lang: string) => {
      const names = fieldOrder((await new Agent(h).get(`/signup?lang=${lang}`)).body);
      return names.indexOf('familyName') < names.indexOf('givenName') ? 'family first' : 'given first';
    };
    expect(await order('zh')).toBe('family first');
    expect(await order('ru')).toBe('family first');
    for (const lang of ['en', 'fr', 'es', 'ar']) expect(await order(lang), lang).toBe('given first');
    // The account settings follow the same order.
    const user = await makeUser(h.ctx, { category: 'academia' });
    const agent = new Agent(h);
    await agent.login(user.email, user.password);
    const settings = await agent.get('/account?lang=zh');
    const names = $$(settings.body, 'form[action="/account"] input:not([type="hidden"])').map((el) => el.getAttribute('name'));
    expect(names.indexOf('familyName')).toBeLessThan(names.indexOf('givenName'));
    // …where the stored category is the one selected.
    expect($1(settings.body, 'select[name="category"] option[selected]').getAttribute('value')).toBe('academia');
    const [row] = await h.ctx.db.select().from(accounts).where(eq(accounts.id, user.id));
    expect(row!.category).toBe('academia');
  });
});
