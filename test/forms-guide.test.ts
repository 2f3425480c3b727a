import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewContext } from '../src/platform/http/request-context.ts';
import { dateExample } from '../src/platform/i18n/dates.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { ErrorSummary, emptyForm, type FormState, renderWithLabels, TextField } from '../src/platform/ui/forms.tsx';
import { Agent } from './support/agent.ts';
import { $, $$, $1, text } from './support/dom.ts';
import { buildMeeting, secretariatOf } from './support/factories.ts';
import { visaForm } from './support/fixtures.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

/** A hybrid meeting on 9–10 May 2023, visa support due 14 April and registration 21 April. */
const mayMeeting = (h: Harness) =>
  buildMeeting(h.ctx, {
    group: { subgroups: ['WG5', 'WG6'] },
    sessions: [
      { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
      { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
    ],
    deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
  });

const idemOf = (body: string) => /name="_idem" value="([^"]+)"/.exec(body)![1]!;

describe('the error summary', () => {
  const ctx = { actor: null, locale: 'en', dir: 'ltr', t: translator('en'), csrf: '', path: '/' } satisfies ViewContext;
  const page = (form: FormState) =>
    h(
      'div',
      null,
      h(ErrorSummary, { ctx, form }),
      h(TextField, { ctx, form, name: 'title', label: 'Title', required: true }),
      h(TextField, { ctx, form, name: 'summary', label: 'Summary' }),
    );

  it('names the fields that come after it, and leaves an error of the whole form or of no field shown plain', () => {
    const form: FormState = {
      values: {},
      errors: [
        { field: 'title', message: 'error.required' },
        { field: '_form', message: 'error.validation' },
        { field: 'elsewhere', message: 'error.required' },
      ],
    };
    const html = renderWithLabels(() => render(page(form)));
    const entries = $$(html, '.error-summary li');
    expect(entries.map(text)).toEqual([
      `Title: ${translator('en')('error.required')}`,
      translator('en')('error.validation'),
      translator('en')('error.required'),
    ]);
    expect(entries.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual(['#f-title', null, '#f-elsewhere']);
  });

  it('renders once when nothing is missing', () => {
    let renders = 0;
    renderWithLabels(() => {
      renders += 1;
      return render(page(emptyForm()));
    });
    expect(renders).toBe(1);
  });
});

describe.each(databaseKinds)('forms that guide (%s)', (kind) => {
  let harness: Harness;
  let meetingId: number;

  beforeAll(async () => {
    harness = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await mayMeeting(harness)).id;
  });
  afterAll(() => harness.close());

  it('names the field in each entry of the error summary, links to it, and shows the same message at the field', async () => {
    const { agent } = await signedInPerson(harness);
    const page = await agent.get(`/meetings/${meetingId}/register`);
    const res = await agent.post(`/meetings/${meetingId}/register`, {
      _idem: idemOf(page.body),
      mode: 'in-person',
      sessions: ['WG5'],
      consent: 'on',
      ...visaForm,
      visaRequest_placeOfBirth: '',
    });
    expect(res.statusCode).toBe(422);
    const entries = $$(res.body, '.error-summary li');
    const entry = entries.find((li) => text(li).startsWith('Place of birth'));
    expect(text(entry)).toBe('Place of birth: Please fill in this field.');
    const target = $1(entry!, 'a').getAttribute('href')!;
    expect(target).toBe('#f-visaRequest_placeOfBirth');
    const field = $1(res.body, target);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(text($1(res.body, `${target}-error`))).toBe('Please fill in this field.');
  });

  it('names fields of their own kind too (the consent box), and leaves an error of the whole form plain', async () => {
    const { agent } = await signedInPerson(harness);
    const page = await agent.get(`/meetings/${meetingId}/register`);
    const res = await agent.post(`/meetings/${meetingId}/register`, { _idem: idemOf(page.body), mode: 'in-person', sessions: ['WG5'] });
    expect(res.statusCode).toBe(422);
    const entry = $$(res.body, '.error-summary li a').find((a) => a.getAttribute('href') === '#f-consent');
    expect(text(entry)).toBe('Privacy: Please accept the privacy notice to register.');
    expect($(res.body, '#f-consent') !== null).toBe(true);
  });

  it('names the field in the other languages', async () => {
    const { agent } = await signedInPerson(harness);
    const page = await agent.get(`/meetings/${meetingId}/register?lang=fr`);
    const res = await agent.post(`/meetings/${meetingId}/register?lang=fr`, {
      _idem: idemOf(page.body),
      mode: 'in-person',
      sessions: ['WG5'],
      consent: 'on',
      ...visaForm,
      visaRequest_placeOfBirth: '',
    });
    expect(res.statusCode).toBe(422);
    expect($$(res.body, '.error-summary li').map(text)).toContain('Lieu de naissance : Veuillez remplir ce champ.');
  });

  it('says once, before the fields, what the asterisk means, on the main forms; required fields say so to assistive technology', async () => {
    const staff = new Agent(harness);
    const secretariat = await secretariatOf(harness.ctx);
    await staff.login(secretariat.email, secretariat.password);
    const { agent } = await signedInPerson(harness);
    const pages = {
      signUp: await new Agent(harness).get('/signup'),
      register: await agent.get(`/meetings/${meetingId}/register`),
      submit: await agent.get(`/meetings/${meetingId}/documents/new`),
      meetingForm: await staff.get(`/meetings/${meetingId}/edit`),
    };
    for (const [name, page] of Object.entries(pages)) {
      expect(page.statusCode, name).toBe(200);
      const notes = $$(page.body, 'form .required-note');
      expect(notes.map(text), name).toEqual(['Fields marked * are required.']);
      // Before the first field.
      const form = notes[0]!.closest('form')!;
      expect(form.innerHTML.indexOf('required-note'), name).toBeLessThan(form.innerHTML.indexOf('class="field'));
    }
    const register = pages.register.body;
    expect($1(register, '#f-visaRequest_passportNumber').hasAttribute('required')).toBe(true);
    expect($1(register, '#f-consent-box').hasAttribute('required')).toBe(true);
    expect($$(register, 'input[name="mode"]').every((radio) => radio.hasAttribute('required'))).toBe(true);
    expect(text($1(register, '#f-sessions legend .visually-hidden'))).toBe('(required)');
    expect($1(pages.signUp.body, '#f-email').hasAttribute('required')).toBe(true);
    expect(text($1((await new Agent(harness).get('/signup?lang=ru')).body, '.required-note'))).toBe(
      'Поля, отмеченные *, обязательны для заполнения.',
    );
  });

  it('asks for a date the way the date picker shows it in the reader’s language, not as YYYY-MM-DD', async () => {
    for (const [lang, example] of [
      ['en', '21/04/2026'],
      ['ru', '21.04.2026'],
      ['zh', '2026/04/21'],
    ] as const) {
      const { agent } = await signedInPerson(harness);
      const page = await agent.get(`/meetings/${meetingId}/register?lang=${lang}`);
      const res = await agent.post(`/meetings/${meetingId}/register?lang=${lang}`, {
        _idem: idemOf(page.body),
        mode: 'in-person',
        sessions: ['WG5'],
        consent: 'on',
        ...visaForm,
        visaRequest_dateOfBirth: '31/02/1980',
      });
      expect(res.statusCode, lang).toBe(422);
      expect($1(res.body, '#f-visaRequest_dateOfBirth').getAttribute('type')).toBe('date');
      const message = text($1(res.body, '#f-visaRequest_dateOfBirth-error'));
      expect(message, lang).toContain(example);
      expect(message, lang).not.toMatch(/YYYY|ГГГГ/);
      expect($$(res.body, '.error-summary li').map(text).join(' ')).toContain(message);
    }
  });
});

describe.each(databaseKinds)('visa support in the registration form (%s)', (kind) => {
  let harness: Harness;
  let meetingId: number;

  beforeAll(async () => {
    harness = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await mayMeeting(harness)).id;
  });
  afterAll(() => harness.close());

  /** The notice's text, and whether it comes before the first choice of the form. */
  const noticeOf = (body: string) => {
    const form = $1(body, `form[action="/meetings/${meetingId}/register"]`);
    const notice = form.querySelector('.alert');
    return {
      text: notice ? $$(notice, 'p').map(text).join(' — ') : '',
      first: notice !== null && form.innerHTML.indexOf('class="alert') < form.innerHTML.indexOf('id="f-mode"'),
      box: $(body, '#f-visa') !== null,
    };
  };

  it('says up front, before the first choice, for whom and until when, and offers the box', async () => {
    const { agent } = await signedInPerson(harness, { category: 'member-state' });
    const notice = noticeOf((await agent.get(`/meetings/${meetingId}/register`)).body);
    expect(notice).toEqual({
      text: 'Visa support — For those who attend in person, until 14 April 2023: tick the box under “Visa support” below, after the sessions.',
      first: true,
      box: true,
    });
  });

  it('says up front why not, with no box, to a category that cannot ask', async () => {
    const { agent } = await signedInPerson(harness, { category: 'non-member' });
    const notice = noticeOf((await agent.get(`/meetings/${meetingId}/register`)).body);
    expect(notice.first).toBe(true);
    expect(notice.box).toBe(false);
    expect(notice.text).toContain('Visa support can only be requested on the official request');
  });

  it('says up front that the deadline has passed, with no box, once it has', async () => {
    harness.clock.set('2023-04-15T08:00:00Z');
    try {
      const { agent } = await signedInPerson(harness, { category: 'member-state' });
      const notice = noticeOf((await agent.get(`/meetings/${meetingId}/register?lang=fr`)).body);
      expect(notice.first).toBe(true);
      expect(notice.box).toBe(false);
      expect(notice.text).toContain('14 avril 2023');
    } finally {
      harness.clock.set('2023-04-06T08:00:00Z');
    }
  });

  it('says nothing of visas for a meeting held remotely only', async () => {
    const remote = await buildMeeting(harness.ctx, { mode: 'virtual', group: { subgroups: ['WG1'] } });
    const { agent } = await signedInPerson(harness, { category: 'member-state' });
    const page = await agent.get(`/meetings/${remote.id}/register`);
    expect(page.statusCode).toBe(200);
    expect($(page.body, 'form .alert') === null).toBe(true);
    expect($(page.body, '#f-visa') === null).toBe(true);
  });
});

describe.each(databaseKinds)('the privacy notice (%s)', (kind) => {
  let harness: Harness;
  let meetingId: number;

  beforeAll(async () => {
    harness = await startHarness(kind, '2023-04-06T08:00:00Z');
    meetingId = (await mayMeeting(harness)).id;
  });
  afterAll(() => harness.close());

  it.each([
    ['ar', 'ar', 'إشعار الخصوصية'],
    ['zh', 'zh-Hans', '隐私声明'],
    ['en', 'en', 'Privacy notice'],
    ['fr', 'fr', 'Notice relative à la protection des données'],
    ['ru', 'ru', 'Уведомление о конфиденциальности'],
    ['es', 'es', 'Aviso de privacidad'],
  ])('is a public page in %s', async (lang, tag, title) => {
    const res = await new Agent(harness).get(`/privacy?lang=${lang}`);
    expect(res.statusCode).toBe(200);
    expect($1(res.body, 'html').getAttribute('lang')).toBe(tag);
    expect(text($1(res.body, 'h1'))).toBe(title);
    // The account's part, then the registrations' and the visas' (slots), then how to have it deleted.
    expect($$(res.body, 'main section h2').length).toBe(4);
    expect($$(res.body, 'main dd').every((dd) => text(dd).length > 20)).toBe(true);
    expect($$(res.body, 'main a').map((a) => a.getAttribute('href'))).toContain('/account');
  });

  it('says how long passport details are kept, as configured, and who sees them', async () => {
    const days = harness.ctx.config.passportRetentionDays;
    const res = await new Agent(harness).get('/privacy?lang=en');
    const body = text($1(res.body, 'main'));
    expect(body).toContain(`${days} days after the meeting’s last day, your passport details and the letter are deleted`);
    expect(body).toContain('Only you and the secretariat.');
    expect(body).toContain('encrypted at rest');
  });

  it('is linked from the registration’s consent, the sign-up form and the footer', async () => {
    const { agent } = await signedInPerson(harness);
    const register = await agent.get(`/meetings/${meetingId}/register`);
    expect($1(register.body, '#f-consent-notice a').getAttribute('href')).toBe('/privacy');
    const signUp = await new Agent(harness).get('/signup');
    expect($$(signUp.body, 'form a').map((a) => a.getAttribute('href'))).toContain('/privacy');
    expect($$(signUp.body, 'footer a').map((a) => a.getAttribute('href'))).toContain('/privacy');
    expect((await new Agent(harness).get('/privacy')).statusCode).toBe(200);
  });
});

describe('a date example', () => {
  it.each([
    ['en', '21/04/2026'],
    ['fr', '21/04/2026'],
    ['es', '21/04/2026'],
    ['ru', '21.04.2026'],
    ['zh', '2026/04/21'],
    ['ar', '21/04/2026'],
  ] as const)('%s: %s', (locale, example) => {
    // Arabic's marks keep the numbers in order in right-to-left text.
    expect(dateExample(locale).replace(/\u200f/g, '')).toBe(example);
  });
});
