import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import { type FieldError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { emit } from '../../platform/events.ts';
import { authorize } from '../../platform/policy.ts';
import { parseInput } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import { groupById, subgroupsOfGroup } from '../groups/queries.ts';
import { findGroup, type GroupRow, sortSubgroups, subgroupLabel } from '../groups/service.ts';
import { meetingUpdated } from './events.ts';
import { meetingSchema, type SessionData } from './input.ts';
import { manageMeetings } from './policies.ts';
import { clockOf, sessionsOfMeetings } from './queries.ts';
import { type Deadlines, deadlineWarnings, firstDay, hasEnded, lastDay, type MeetingWarning, resolveDeadlines } from './rules.ts';
import { meetingSessions, meetings } from './schema.ts';

export type MeetingInput = z.input<typeof meetingSchema>;

export type MeetingRow = typeof meetings.$inferSelect;
export interface SessionView {
  id: number;
  subgroupId: number;
  subgroup: string;
  kind: string;
  number: number | null;
  subgroupTitle: Record<string, string>;
  startDate: string;
  endDate: string;
  /** Each day's hours, "HH:MM" in the meeting's time zone; both null for a session without set hours. */
  startTime: string | null;
  endTime: string | null;
  room: Record<string, string>;
}
export interface MeetingDetail {
  meeting: MeetingRow;
  group: Pick<GroupRow, 'id' | 'code' | 'name' | 'documentAccess' | 'registrationApproval'>;
  sessions: SessionView[];
  deadlines: Deadlines;
  firstDay: string;
  lastDay: string;
}
export interface SavedMeeting {
  detail: MeetingDetail;
  warnings: MeetingWarning[];
}

const deadlinesOf = (m: MeetingRow): Deadlines => ({
  visaSupport: m.visaSupportDeadline,
  registration: m.registrationDeadline,
  contributions: m.contributionsDeadline,
});

function toDetail(meeting: MeetingRow, group: MeetingDetail['group'], sessions: SessionView[]): MeetingDetail {
  return {
    meeting,
    group,
    sessions,
    deadlines: deadlinesOf(meeting),
    firstDay: firstDay(sessions) ?? '',
    lastDay: lastDay(sessions) ?? '',
  };
}

/** `db`: the caller's transaction, when it reads the meeting inside one (an event handler). */
export async function getMeeting(ctx: AppContext, id: number, db: DbOrTx = ctx.db): Promise<MeetingDetail> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const withGroup = async () => {
    const [meeting] = await db.select().from(meetings).where(eq(meetings.id, id));
    return meeting && { meeting, group: await groupById(ctx, meeting.groupId, db) };
  };
  const [row, sessionMap] = await Promise.all([withGroup(), sessionsOfMeetings(db, [id])]);
  if (!row?.group) throw new NotFoundError();
  const { id: groupId, code, name, documentAccess, registrationApproval } = row.group;
  return toDetail(row.meeting, { id: groupId, code, name, documentAccess, registrationApproval }, sessionMap.get(id) ?? []);
}

export async function listGroupMeetings(ctx: AppContext, codeOrGroup: string | GroupRow): Promise<MeetingDetail[]> {
  const group = typeof codeOrGroup === 'string' ? await findGroup(ctx, codeOrGroup) : codeOrGroup;
  const rows = await ctx.db.select().from(meetings).where(eq(meetings.groupId, group.id));
  const sessions = await sessionsOfMeetings(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows
    .map((m) => toDetail(m, group, sessions.get(m.id) ?? []))
    .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.meeting.id - b.meeting.id);
}

/** Upcoming meetings (not yet ended in their time zone) soonest first; past ones latest first. */
export function splitByTime(list: MeetingDetail[], now: Date): { upcoming: MeetingDetail[]; past: MeetingDetail[] } {
  const upcoming: MeetingDetail[] = [];
  const past: MeetingDetail[] = [];
  for (const m of list) (hasEnded(m.lastDay, m.meeting.timeZone, now) ? past : upcoming).push(m);
  return { upcoming, past: past.reverse() };
}

/** What a session row holds besides its meeting and subgroup, to compare the stored with the submitted. */
const sessionValues = (s: Omit<SessionData, 'subgroup'>) => ({
  startDate: s.startDate,
  endDate: s.endDate,
  startTime: s.startTime,
  endTime: s.endTime,
  room: s.room,
});
const sameText = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

async function writeSessions(tx: Tx, group: GroupRow, meetingId: number, sessions: SessionData[]) {
  const subs = await subgroupsOfGroup(tx, group.id);
  const byLabel = new Map(subs.map((s) => [subgroupLabel(s), s]));
  const unknown = sessions
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !byLabel.has(s.subgroup))
    .map(({ i }) => ({ field: `sessions.${i}.subgroup`, message: 'error.unknownSubgroup' }) as FieldError);
  if (unknown.length) throw new ValidationError(unknown);
  // Sessions keep their ids (agendas and remote-access details hang on them): a subgroup still meeting keeps
  // its session with the new dates; only sessions of subgroups no longer meeting are removed.
  const existing = await tx.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).orderBy(asc(meetingSessions.id));
  const unused = new Map<number, (typeof existing)[number][]>();
  for (const row of existing) unused.set(row.subgroupId, [...(unused.get(row.subgroupId) ?? []), row]);
  const inserts: (typeof meetingSessions.$inferInsert)[] = [];
  for (const s of sessions) {
    const subgroupId = byLabel.get(s.subgroup)!.id;
    const kept = unused.get(subgroupId)?.shift();
    const values = sessionValues(s);
    if (!kept) inserts.push({ meetingId, subgroupId, ...values });
    else {
      const stored = { ...sessionValues(kept), startTime: clockOf(kept.startTime), endTime: clockOf(kept.endTime) };
      const changed = (['startDate', 'endDate', 'startTime', 'endTime'] as const).some((k) => stored[k] !== values[k]);
      if (changed || !sameText(stored.room, values.room))
        await tx.update(meetingSessions).set(values).where(eq(meetingSessions.id, kept.id));
    }
  }
  const removed = [...unused.values()].flat().map((r) => r.id);
  if (removed.length > 0) await tx.delete(meetingSessions).where(inArray(meetingSessions.id, removed));
  if (inserts.length > 0) await tx.insert(meetingSessions).values(inserts);
}

function meetingValues(data: z.output<typeof meetingSchema>, group: GroupRow) {
  const deadlines = resolveDeadlines(firstDay(data.sessions)!, group.deadlineRules, data.deadlines);
  return {
    values: {
      title: data.title,
      venueName: data.venue.name,
      venueCity: data.venue.city,
      venueCountry: data.venue.country,
      timeZone: data.venue.timeZone,
      mode: data.mode,
      languages: [...new Set(data.languages)],
      practicalInfo: data.practicalInfo,
      visaSupportDeadline: deadlines.visaSupport,
      registrationDeadline: deadlines.registration,
      contributionsDeadline: deadlines.contributions,
      inPersonCapacity: data.inPersonCapacity,
      participantListVisibility: data.participantListVisibility,
      lateContributions: data.lateContributions,
      registrationApproval: data.registrationApproval,
    },
    warnings: deadlineWarnings(deadlines, firstDay(data.sessions)),
  };
}

/** Creates a meeting; deadlines left empty take the group's rules. Warnings do not block. */
export async function createMeeting(ctx: AppContext, actor: Actor | null, groupCode: string, input: MeetingInput): Promise<SavedMeeting> {
  authorize(actor, manageMeetings, undefined);
  const group = await findGroup(ctx, groupCode);
  const data = parseInput(meetingSchema, input);
  const { values, warnings } = meetingValues(data, group);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ ...values, groupId: group.id, createdAt: now, updatedAt: now })
      .returning({ id: meetings.id });
    await writeSessions(tx, group, row!.id, data.sessions);
    return row!.id;
  });
  await audit(ctx, actor, 'meeting.create', `meeting:${id}`);
  return { detail: await getMeeting(ctx, id), warnings };
}

/** The stored meeting as input, so a partial update (API PATCH) can be merged onto it. */
export function meetingAsInput(d: MeetingDetail): z.input<typeof meetingSchema> {
  return {
    title: d.meeting.title,
    venue: { names: d.meeting.venueName, cities: d.meeting.venueCity, country: d.meeting.venueCountry, timeZone: d.meeting.timeZone },
    mode: d.meeting.mode,
    languages: d.meeting.languages,
    practicalInfo: d.meeting.practicalInfo,
    sessions: d.sessions.map((s) => ({
      subgroup: s.subgroup,
      startDate: s.startDate,
      endDate: s.endDate,
      startTime: s.startTime,
      endTime: s.endTime,
      rooms: s.room,
    })),
    deadlines: d.deadlines,
    inPersonCapacity: d.meeting.inPersonCapacity,
    participantListVisibility: d.meeting.participantListVisibility,
    lateContributions: d.meeting.lateContributions,
    registrationApproval: d.meeting.registrationApproval,
  };
}

export async function updateMeeting(ctx: AppContext, actor: Actor | null, id: number, input: MeetingInput): Promise<SavedMeeting> {
  authorize(actor, manageMeetings, undefined);
  const current = await getMeeting(ctx, id);
  const data = parseInput(meetingSchema, input);
  const group = await groupById(ctx, current.group.id);
  const { values, warnings } = meetingValues(data, group!);
  await ctx.db.transaction(async (tx) => {
    // The meeting row's lock comes first (registrations take it before their own rows, too).
    const [before] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    if (!before) throw new NotFoundError();
    const [after] = await tx
      .update(meetings)
      .set({ ...values, revision: sql`${meetings.revision} + 1`, updatedAt: ctx.clock.now() })
      .where(eq(meetings.id, id))
      .returning();
    await writeSessions(tx, group!, id, data.sessions);
    // What depends on the meeting follows in this transaction: a raised or removed in-person limit
    // promotes the waiting list before anyone else can take the places.
    await emit(ctx, tx, meetingUpdated, { meetingId: id, before, after: after! });
  });
  await audit(ctx, actor, 'meeting.update', `meeting:${id}`);
  return { detail: await getMeeting(ctx, id), warnings };
}

export async function subgroupsForMeetingForm(ctx: AppContext, groupId: number) {
  return sortSubgroups(await subgroupsOfGroup(ctx.db, groupId));
}

/** The meetings `ids` (unknown ones left out), read together: one query each for meetings, sessions and groups. */
export async function getMeetings(ctx: AppContext, ids: number[]): Promise<MeetingDetail[]> {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (wanted.length === 0) return [];
  const [rows, sessions] = await Promise.all([
    ctx.db.select().from(meetings).where(inArray(meetings.id, wanted)),
    sessionsOfMeetings(ctx.db, wanted),
  ]);
  const groupIds = [...new Set(rows.map((r) => r.groupId))];
  const groupRows = await Promise.all(groupIds.map((id) => groupById(ctx, id)));
  const groupsById = new Map(groupRows.flatMap((g) => (g ? [[g.id, g] as const] : [])));
  const byId = new Map(
    rows.flatMap((m) => {
      const g = groupsById.get(m.groupId);
      if (!g) return [];
      const { id, code, name, documentAccess, registrationApproval } = g;
      return [[m.id, toDetail(m, { id, code, name, documentAccess, registrationApproval }, sessions.get(m.id) ?? [])] as const];
    }),
  );
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The meetings not yet ended, soonest first, for the home page: among the `scan` planned last (a secretariat
 * plans meetings months ahead, not hundreds at a time).
 */
export async function upcomingMeetings(ctx: AppContext, limit = 6, scan = 30): Promise<MeetingDetail[]> {
  const latest = await ctx.db.select({ id: meetings.id }).from(meetings).orderBy(desc(meetings.id)).limit(scan);
  const details = await getMeetings(
    ctx,
    latest.map((m) => m.id),
  );
  return splitByTime(details, ctx.clock.now())
    .upcoming.sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.meeting.id - b.meeting.id)
    .slice(0, limit);
}
