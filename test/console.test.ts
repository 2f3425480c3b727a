import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawDocument } from '../src/modules/documents/editing.ts';
import { cancelRegistration } from '../src/modules/registrations/service.ts';
import { visaRequests } from '../src/modules/visas/schema.ts';
import { formatDate } from '../src/platform/i18n/dates.ts';
import { queueMails } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { Agent } from './support/agent.ts';
import { $, $$, text } from './support/dom.ts';
import { type BuiltMeeting, buildDocument, buildMeeting, buildRegistration, type Person, secretariatOf } from './support/factories.ts';
import { type Harness, startHarness } from './support/harness.ts';

describe('the secretariat console', () => {
  let h: Harness;
  let secretariat: Agent;
  let staff: Person;

  beforeAll(async () => {
    h = await startHarness('pglite');
    staff = await secretariatOf(h.ctx);
    secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
  });
  afterAll(() => h.close());

  describe('the outbox', () => {
    let total = 0;
    beforeAll(async () => {
      await h.ctx.db.delete(outbox);
      const base = h.ctx.config.baseUrl;
      await queueMails(
        h.ctx.db,
        Array.from({ length: 120 }, (_, i) => ({
          kind: 'test',
          to: `person-${i}@example.org`,
          subject: `Mail ${i + 1}`,
          text: [
            `Confirm here: ${base}/account/verify?token=abc${i}.`,
            'See https://example.org/wiki/Tables_(HTML), or (https://example.org/a?b=1&c=2).',
            'Not links: javascript:alert(1) ftp://example.org/file mailto:x@example.org',
            '<script>alert("no")</script>',
          ].join('\n'),
        })),
      );
      total = 120;
    });

    const items = (body: string) => $$(body, 'ul.mails > li');
    const subjects = (body: string) => items(body).map((li) => /Mail \d+/.exec(text(li.querySelector('summary')))![0]);

    it('shows 50 mails a page, newest first, with "x–y of N" and previous and next links', async () => {
      const first = await secretariat.get('/console/mail');
      expect(first.statusCode).toBe(200);
      expect(items(first.body)).toHaveLength(50);
      expect(subjects(first.body)[0]).toBe('Mail 120');
      expect(subjects(first.body).at(-1)).toBe('Mail 71');
      const nav = $(first.body, 'nav.pagination')!;
      expect(nav.getAttribute('aria-label')).toBe('Pages');
      expect(text(nav.querySelector('.pagination-range'))).toBe(`1–50 of ${total}`);
      expect(nav.querySelector('a[rel="prev"]')).toBeNull();
      expect(nav.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/console/mail?page=2');

      const last = await secretariat.get('/console/mail?page=3');
      expect(subjects(last.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Mail ${20 - i}`));
      expect(text($(last.body, '.pagination-range'))).toBe(`101–120 of ${total}`);
      expect($(last.body, 'nav.pagination a[rel="prev"]')?.getAttribute('href')).toBe('/console/mail?page=2');
      expect($(last.body, 'nav.pagination a[rel="next"]')).toBeNull();
      expect($(last.body, 'nav.pagination a[rel="prev"][href="/console/mail?page=2"]')).not.toBeNull();
      // The second page links back to the first by its plain address.
      expect($((await secretariat.get('/console/mail?page=2')).body, 'a[rel="prev"]')?.getAttribute('href')).toBe('/console/mail');
    });

    it('takes any ?page= without an error: not a page number is the first page, past the end the last', async () => {
      for (const [query, first] of [
        ['abc', 'Mail 120'],
        ['0', 'Mail 120'],
        ['-2', 'Mail 120'],
        ['1.5', 'Mail 120'],
        ['99999999999999999999', 'Mail 120'],
        ['4', 'Mail 20'],
        ['999', 'Mail 20'],
      ]) {
        const res = await secretariat.get(`/console/mail?page=${query}`);
        expect(res.statusCode, query).toBe(200);
        expect(subjects(res.body)[0], query).toBe(first);
      }
    });

    it('makes the http(s) addresses in a mail links, and nothing else, escaping the text', async () => {
      const res = await secretariat.get('/console/mail');
      const mail = items(res.body)[0]!;
      // The parser keeps a <pre> as raw text: its markup is parsed on its own.
      const links = $$(mail.querySelector('pre')!.innerHTML, 'a').map((a) => [a.getAttribute('href'), text(a)]);
      expect(links).toEqual([
        [`${h.ctx.config.baseUrl}/account/verify?token=abc119`, `${h.ctx.config.baseUrl}/account/verify?token=abc119`],
        ['https://example.org/wiki/Tables_(HTML)', 'https://example.org/wiki/Tables_(HTML)'],
        ['https://example.org/a?b=1&c=2', 'https://example.org/a?b=1&c=2'],
      ]);
      expect(res.body).not.toContain('href="javascript:');
      expect(res.body).not.toContain('href="ftp:');
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).toContain('&lt;script>alert(&quot;no&quot;)&lt;/script>');
      expect(mail.querySelector('pre')!.innerHTML).toContain('>https://example.org/a?b=1&amp;c=2</a>).');
    });

    it('is for the secretariat only', async () => {
      const res = await h.app.inject({ url: '/console/mail?page=2' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/console/mail?page=2')}`);
    });
  });

  describe('the meetings and the visa queue', () => {
    let busy: BuiltMeeting;
    let quiet: BuiltMeeting;

    beforeAll(async () => {
      // FG-MV's hybrid meeting on 9–10 May 2023 (visa requests fit it), and one with nothing yet.
      busy = await buildMeeting(h.ctx, {
        group: { code: 'FG-MV', subgroups: ['WG5', 'WG6'] },
        sessions: [
          { subgroup: 'WG5', startDate: '2023-05-09', endDate: '2023-05-10' },
          { subgroup: 'WG6', startDate: '2023-05-09', endDate: '2023-05-09' },
        ],
        deadlines: { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' },
      });
      quiet = await buildMeeting(h.ctx, { group: 'FG-MV', startsIn: '2023-06-12', days: 1 });
      await buildRegistration(h.ctx, { meeting: busy, visaRequest: true });
      await buildRegistration(h.ctx, { meeting: busy, visaRequest: true });
      await buildRegistration(h.ctx, { meeting: busy });
      const gone = await buildRegistration(h.ctx, { meeting: busy });
      await cancelRegistration(h.ctx, gone.person, gone.id);
      await buildDocument(h.ctx, { meeting: busy });
      const withdrawn = await buildDocument(h.ctx, { meeting: busy, author: staff });
      await withdrawDocument(h.ctx, staff, withdrawn.number);
      await buildDocument(h.ctx, { meeting: busy });
    });

    it('lists each meeting with its dates and what it has: registrations, documents, visa requests waiting', async () => {
      const page = await secretariat.get('/console');
      expect(page.statusCode).toBe(200);
      const row = (id: number) => {
        const tr = $$(page.body, 'table tbody tr').find((r) => r.querySelector(`a[href="/meetings/${id}"]`))!;
        return Object.fromEntries(tr.querySelectorAll('td').map((td) => [td.getAttribute('data-label'), text(td)]));
      };
      expect(row(busy.id).Dates).toMatch(/^9\s?–\s?10 May 2023$/);
      expect(row(busy.id)).toMatchObject({ Registrations: '3', Documents: '2', 'Visa requests waiting': '2' });
      expect(row(quiet.id)).toMatchObject({ Dates: '12 June 2023', Registrations: '0', Documents: '0', 'Visa requests waiting': '0' });
      expect($$(page.body, 'table thead th').map(text)).toEqual([
        'Meeting',
        'Dates',
        'Registrations',
        'Documents',
        'Visa requests waiting',
      ]);
      expect(page.body).toContain(`href="/console/visas?meeting=${busy.id}&amp;status=requested"`);
      expect(page.body).toContain(`href="/console/meetings/${busy.id}/registrations"`);
    });

    it('shows when each visa request came in, and how many are in each state', async () => {
      const queue = await secretariat.get(`/console/visas?meeting=${busy.id}`);
      expect(queue.statusCode).toBe(200);
      // The day the database recorded each request (newest first), as a date.
      const recorded = (await h.ctx.db.select({ at: visaRequests.createdAt }).from(visaRequests).orderBy(desc(visaRequests.createdAt))).map(
        (r) => r.at.toISOString().slice(0, 10),
      );
      expect($$(queue.body, 'td[data-label="Requested on"] time').map((el) => el.getAttribute('datetime'))).toEqual(recorded);
      expect(text($(queue.body, 'td[data-label="Requested on"] time'))).toBe(formatDate(recorded[0]!, 'en'));
      const counts = $$(queue.body, 'nav[aria-label="By status"] a').map((a) => [text(a), a.getAttribute('href')]);
      expect(counts[0]).toEqual(['Requested (2)', `/console/visas?meeting=${busy.id}&status=requested`]);
      expect(counts.slice(1).map(([label]) => label)).toEqual([
        'Approved (0)',
        'Rejected (0)',
        'Letter sent (0)',
        'Withdrawn (0)',
        'Deleted after the meeting (0)',
      ]);
      // The counts keep to the meeting chosen, whatever the status filter.
      const requested = await secretariat.get(`/console/visas?meeting=${quiet.id}&status=approved`);
      expect($$(requested.body, 'nav[aria-label="By status"] a').map(text)[0]).toBe('Requested (0)');
      expect($(requested.body, 'nav[aria-label="By status"] a[aria-current="true"]')?.getAttribute('href')).toBe(
        `/console/visas?meeting=${quiet.id}&status=approved`,
      );
    });
  });
});
