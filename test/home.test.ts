import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './support/agent.ts';
import { $, $$, text } from './support/dom.ts';
import { buildMeeting, buildPerson, buildRegistration, secretariatOf } from './support/factories.ts';
import { type Harness, startHarness } from './support/harness.ts';

describe('the home page (issue 13)', () => {
  let h: Harness;
  let upcomingTitle: string;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('shows a visitor the meetings ahead, soonest first, with their next deadline, and the way to sign up', async () => {
    const later = await buildMeeting(h.ctx, { startsIn: 60 });
    const sooner = await buildMeeting(h.ctx, { startsIn: 20 });
    await buildMeeting(h.ctx, { startsIn: -30, deadlines: { registration: -40, visaSupport: -45, contributions: -35 } });
    upcomingTitle = sooner.meeting.title.en!;
    const page = await h.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    const cards = $$(page, '#upcoming-h ~ ul .card h3');
    expect(cards.map((c) => text(c))).toEqual([sooner.meeting.title.en, later.meeting.title.en]);
    expect(text($(page, '#upcoming-h ~ ul .card'))).toMatch(/Next deadline: /);
    expect($(page, '.page-actions a[href="/signup"]')).not.toBeNull();
    expect($(page, '#mine-h')).toBeNull();
    expect($(page, '#figures-h')).toBeNull();
  });

  it('shows a delegate the meetings they are registered for, with their status', async () => {
    const person = await buildPerson(h.ctx);
    const meeting = await buildMeeting(h.ctx, { startsIn: 30 });
    const registration = await buildRegistration(h.ctx, { meeting, person });
    const agent = new Agent(h);
    await agent.login(person.email, person.password);
    const page = await agent.get('/');
    expect(text($(page.body, 'h1'))).toBe(`Welcome, ${person.givenName}`);
    const mine = $(page.body, '#mine-h ~ ul .card');
    expect(text(mine)).toContain(meeting.meeting.title.en);
    expect(text(mine?.querySelector('.badge'))).toBe('Registered');
    expect(mine?.querySelector(`a[href="/registrations/${registration.id}"]`)).not.toBeNull();
    expect(text($(page.body, 'main'))).toContain(upcomingTitle);
  });

  it('tells a delegate without registrations what to do, and gives the secretariat its queues', async () => {
    const loner = await buildPerson(h.ctx);
    const agent = new Agent(h);
    await agent.login(loner.email, loner.password);
    const page = await agent.get('/');
    expect(text($(page.body, '#mine-h ~ .empty-state'))).toContain('You are not registered for any upcoming meeting');

    const visaMeeting = await buildMeeting(h.ctx, { startsIn: 40 });
    await buildRegistration(h.ctx, { meeting: visaMeeting, visaRequest: true });
    const staff = await secretariatOf(h.ctx);
    const secretariat = new Agent(h);
    await secretariat.login(staff.email, staff.password);
    const home = await secretariat.get('/?lang=en');
    const figures = $$(home.body, '#figures-h ~ .card-grid .stat');
    const visa = figures.find((f) => text(f).includes('Visa requests waiting'));
    expect(text(visa?.querySelector('.stat-value'))).toBe('1');
    expect(visa?.querySelector('a')?.getAttribute('href')).toBe('/console/visas?status=requested');
    expect(figures.some((f) => text(f).includes('Contributions by mail to file'))).toBe(true);
  });
});
