import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { accounts } from '../src/modules/accounts/schema.ts';
import { $1 } from './support/dom.ts';
import { type BuiltMeeting, buildGroup, buildMeeting, secretariatOf } from './support/factories.ts';
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

  /** The feed as a calendar app reads it: ical.js, Mozilla's parser (Thunderbird's). */
  const parsedEvents = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => ({
      uid: String(v.getFirstPropertyValue('uid')),
      sequence: Number(v.getFirstPropertyValue('sequence')),
      lastModified: (v.getFirstPropertyValue('last-modified') as ICAL.Time | null)?.toJSDate(),
      description: String(v.getFirstPropertyValue('description') ?? ''),
      start: String(v.getFirstPropertyValue('dtstart')),
      alarms: v.getAllSubcomponents('valarm').map((a) => ({
        action: String(a.getFirstPropertyValue('action')),
        trigger: (a.getFirstPropertyValue('trigger') as ICAL.Time).toJSDate(),
        description: String(a.getFirstPropertyValue('description')),
      })),
    }));

  it('says when each deadline closes, reminds a day before, and numbers every change (issue 13)', async () => {
    const read = async () => parsedEvents((await h.app.inject({ url: `/groups/${group}/calendar.ics` })).body);
    const ofFirst = (events: Awaited<ReturnType<typeof read>>) => events.filter((e) => e.uid.startsWith(`meeting-${first.id}-`));
    const before = ofFirst(await read());
    expect(before.length).toBeGreaterThan(3);
    for (const e of before) {
      expect(Number.isInteger(e.sequence)).toBe(true);
      expect(e.lastModified).toBeInstanceOf(Date);
    }
    const registration = before.find((e) => e.uid.startsWith(`meeting-${first.id}-deadline-registration`))!;
    // Registration closes at the end of 21 April 2023 in the meeting's time zone.
    const zone = (await h.app.inject({ url: `/api/meetings/${first.id}` })).json().venue.timeZone as string;
    expect(zone).toMatch(/\//);
    const closes = new Date(Date.parse('2023-04-22T00:00:00Z') - zoneOffsetMs(zone, '2023-04-22T00:00:00Z'));
    expect(registration.start).toBe('2023-04-21');
    expect(registration.description).toContain('23:59');
    expect(registration.description).toContain('UTC');
    expect(registration.alarms).toHaveLength(1);
    expect(registration.alarms[0]!.action).toBe('DISPLAY');
    expect(registration.alarms[0]!.trigger.getTime()).toBe(closes.getTime() - 24 * 3_600_000);
    expect(registration.alarms[0]!.description).toContain('23:59');
    // Sessions are not deadlines: no alarm.
    expect(before.filter((e) => e.uid.includes('-session-')).every((e) => e.alarms.length === 0)).toBe(true);

    // A change to the meeting raises every event's SEQUENCE and moves LAST-MODIFIED.
    const secretariat = await signedInSecretariatAuth();
    h.clock.advance(60_000);
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${first.id}`,
      headers: secretariat,
      payload: { deadlines: { registration: '2023-04-20' } },
    });
    expect(patched.statusCode).toBe(200);
    const after = ofFirst(await read());
    for (const e of after) {
      const old = before.find((b) => b.uid === e.uid)!;
      expect(e.sequence).toBeGreaterThan(old.sequence);
      expect(e.lastModified!.getTime()).toBeGreaterThan(old.lastModified!.getTime());
    }
    const moved = after.find((e) => e.uid === registration.uid)!;
    expect(moved.start).toBe('2023-04-20');
    expect(moved.alarms[0]!.trigger.getTime()).toBe(registration.alarms[0]!.trigger.getTime() - 86_400_000);
  });

  const signedInSecretariatAuth = async () => ({
    authorization: `Bearer ${await createApiToken(h.ctx, await secretariatOf(h.ctx))}`,
  });
});

/** How far ahead of UTC a zone's wall clock is at an instant. */
function zoneOffsetMs(zone: string, iso: string): number {
  const at = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) - at.getTime();
}
