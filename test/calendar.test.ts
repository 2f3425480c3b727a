import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.ts';
import { $1 } from './support/dom.ts';
import { type BuiltMeeting, buildGroup, buildMeeting } from './support/factories.ts';
import { databaseKinds, type Harness, startHarness } from './support/harness.ts';
import { signedInPerson } from './support/people.ts';

describe.each(databaseKinds)('calendar feeds (%s)', (kind) => {
  let h: Harness;
  let group: string;
  let first: BuiltMeeting;
  let second: BuiltMeeting;
  beforeAll(async () => {
    h = await startHarness(kind, '2023-04-06T08:00:00Z');
    const made = await buildGroup(h.ctx, { subgroups: ['WG5', 'WG6'] });
    group = made.code.toLowerCase();
    first = await buildMeeting(h.ctx, { group: made, startsIn: 33, deadlines: { visaSupport: 8, registration: 15, contributions: 26 } });
    second = await buildMeeting(h.ctx, { group: made });
  });
  afterAll(() => h.close());

  /** The address of the person's feed, as the page shows it to copy. */
  const feedAddress = (html: string) => $1(html, '#feed-url').getAttribute('value') ?? '';
  const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim());

  it("offers a group's meetings, sessions and deadlines as one subscribable feed", async () => {
    const res = await h.app.inject({ url: `/groups/${group}/calendar.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ids = uids(res.body);
    const meetingIds = (await h.app.inject({ url: `/api/groups/${group}/meetings` })).json().map((m: { id: number }) => m.id) as number[];
    expect(meetingIds.length).toBeGreaterThanOrEqual(1);
    for (const id of meetingIds) {
      expect(ids.some((uid) => uid.startsWith(`meeting-${id}-session-`))).toBe(true);
      expect(ids.some((uid) => uid.startsWith(`meeting-${id}-deadline-registration`))).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // The first meeting's deadline table: 14 April, 21 April, 2 May.
    expect(Object.values(first.deadlines).sort()).toEqual(['2023-04-14', '2023-04-21', '2023-05-02']);
    for (const date of ['20230414', '20230421', '20230502']) expect(res.body).toContain(`DTSTART;VALUE=DATE:${date}`);
    expect((await h.app.inject({ url: `/groups/${group}` })).body).toContain(`/groups/${group}/calendar.ics`);
    expect((await h.app.inject({ url: '/groups/nope/calendar.ics' })).statusCode).toBe(404);
  });

  it('gives each person a secret feed of the meetings they are registered for, which they can reset', async () => {
    const { user, agent, auth } = await signedInPerson(h, { category: 'member-state' });
    const created = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${first.id}/registrations`,
      headers: auth,
      payload: { mode: 'remote', sessions: ['WG5'] },
    });
    expect(created.statusCode).toBe(201);

    const page = await agent.get('/me/registrations');
    const feed = feedAddress(page.body).match(/^https:\/\/convene\.test\/calendar\/([\w-]+)\.ics$/)!;
    expect(feed).not.toBeNull();
    const path = `/calendar/${feed[1]}.ics`;
    // A calendar app has no session: the secret in the address is enough, and nothing else is.
    const mine = await h.app.inject({ url: path });
    expect(mine.statusCode).toBe(200);
    expect(uids(mine.body).some((uid) => uid.startsWith(`meeting-${first.id}-session-`))).toBe(true);
    expect(uids(mine.body).some((uid) => uid.startsWith(`meeting-${second.id}-`))).toBe(false);
    expect((await h.app.inject({ url: '/calendar/not-a-real-secret-at-all-000.ics' })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/calendar/${feed[1]}` })).statusCode).toBe(404);
    // Always the same address until reset.
    expect(feedAddress((await agent.get('/me/registrations')).body)).toBe(feed[0]);

    // In the person's language.
    await h.ctx.db.update(accounts).set({ preferredLanguage: 'zh' }).where(eq(accounts.id, user.id));
    expect((await h.app.inject({ url: path })).body).toContain('X-WR-CALNAME:我的注册');

    // A cancelled registration leaves the feed.
    await h.app.inject({ method: 'DELETE', url: `/api/registrations/${created.json().id}`, headers: auth });
    expect(uids((await h.app.inject({ url: path })).body)).toEqual([]);

    // Reset: the old address stops working, a new one is shown.
    const reset = await agent.post('/me/calendar/reset', {});
    expect(reset.statusCode).toBe(303);
    expect((await h.app.inject({ url: path })).statusCode).toBe(404);
    const fresh = feedAddress((await agent.get('/me/registrations')).body).match(/\/calendar\/([\w-]+)\.ics$/)![1];
    expect(fresh).not.toBe(feed[1]);
    expect((await h.app.inject({ url: `/calendar/${fresh}.ics` })).statusCode).toBe(200);
    // Resetting needs the person's session and the form's CSRF token.
    expect((await agent.post('/me/calendar/reset', {}, { csrf: false })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/me/calendar/reset' })).statusCode).toBe(403);
  });
});
