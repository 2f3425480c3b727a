import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import { NotFoundError, UnauthenticatedError } from '../../platform/errors.ts';
import { queueMails } from '../../platform/mail/outbox.ts';
import { authorize, isSecretariat, may } from '../../platform/policy.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { contactsOf, people, recordAudit } from '../accounts/queries.ts';
import { getMeeting, getMeetings, type MeetingDetail } from '../meetings/service.ts';
import { memberRefs, membershipsOf } from '../organizations/queries.ts';
import { focalPointOf } from './approval-facts.ts';
import { registrationMail } from './mail.ts';
import { partsOfRegistrations } from './parts.ts';
import { inPersonTaken, lastQueuedAt, lockPlaces } from './places.ts';
import { approveRegistration, seeApprovals } from './policies.ts';
import { checkQuotas } from './quotas.ts';
import { queueTime } from './rules.ts';
import { registrations } from './schema.ts';
import { decide, type RegistrationRow } from './state.ts';
import { type ApprovalDecision, approvalDecisions, type ParticipationMode, type RegistrationStatus } from './vocabulary.ts';

/** At most this many registrations are decided in one request (a focal point's whole delegation fits). */
export const MAX_APPROVALS = 1000;

const approvalDecisionSchema = z
  .object({
    registrationIds: z
      .array(z.coerce.number().int().positive())
      .min(1, { message: 'error.approvalsChoose' })
      .max(MAX_APPROVALS, { message: 'error.approvalsTooMany' }),
    decision: oneOf(approvalDecisions),
    reason: z.string().trim().max(1000, { message: 'error.tooLong' }).optional(),
  })
  .superRefine((v, issue) => {
    if (v.decision === 'decline' && !v.reason) issue.addIssue({ code: 'custom', path: ['reason'], message: 'error.declineReason' });
  });
export type ApprovalDecisionInput = z.input<typeof approvalDecisionSchema>;

/** The organization the actor is a focal point of, read for the policies. */
async function approverFacts(ctx: AppContext, actor: Actor) {
  return { focalPointOf: focalPointOf((await membershipsOf(ctx, [actor.id])).get(actor.id)) };
}

export interface WaitingRegistration {
  id: number;
  number: string;
  meetingId: number;
  mode: ParticipationMode;
  sessions: string[];
  createdAt: Date;
  person: { id: number; givenName: string; familyName: string; email: string; category: string; country: string };
  organizationId: number | null;
}

/**
 * The registrations waiting for the actor's decision, oldest first: a focal point's organization's people, or —
 * for the secretariat — everyone's (those of organizations without a focal point wait for them alone).
 */
export async function waitingForApproval(
  ctx: AppContext,
  actor: Actor | null,
  filter: { meetingId?: number } = {},
): Promise<{ list: WaitingRegistration[]; meetings: MeetingDetail[]; focalPointOf: number | null }> {
  if (!actor) throw new UnauthenticatedError();
  const facts = await approverFacts(ctx, actor);
  authorize(actor, seeApprovals, facts);
  const p = people(ctx.db);
  const m = memberRefs(ctx.db);
  const rows = await ctx.db
    .select({
      id: registrations.id,
      number: registrations.number,
      meetingId: registrations.meetingId,
      mode: registrations.mode,
      sessions: registrations.sessions,
      createdAt: registrations.createdAt,
      personId: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      email: p.email,
      category: p.category,
      country: p.country,
      organizationId: m.organizationId,
    })
    .from(registrations)
    .innerJoin(p, eq(p.id, registrations.accountId))
    .leftJoin(m, eq(m.accountId, registrations.accountId))
    .where(waitingFor(actor, facts.focalPointOf, m, filter.meetingId))
    .orderBy(asc(registrations.meetingId), asc(registrations.id))
    .limit(5000);
  const list = rows.map((r) => ({
    id: r.id,
    number: r.number,
    meetingId: r.meetingId,
    mode: r.mode,
    sessions: r.sessions,
    createdAt: r.createdAt,
    person: { id: r.personId, givenName: r.givenName, familyName: r.familyName, email: r.email, category: r.category, country: r.country },
    organizationId: r.organizationId,
  }));
  return { list, meetings: await getMeetings(ctx, [...new Set(list.map((r) => r.meetingId))]), focalPointOf: facts.focalPointOf };
}

/** The registrations waiting for this actor: all for the secretariat, their organization's people for a focal point. */
function waitingFor(actor: Actor, focalPointOf: number | null, m: ReturnType<typeof memberRefs>, meetingId?: number) {
  return and(
    eq(registrations.status, 'pending-approval'),
    meetingId ? eq(registrations.meetingId, meetingId) : undefined,
    isSecretariat(actor) ? undefined : eq(m.organizationId, focalPointOf ?? -1),
  );
}

/** How many registrations wait for the actor's decision; null when they decide none (not a focal point). */
export async function waitingCount(ctx: AppContext, actor: Actor): Promise<number | null> {
  const { focalPointOf } = await approverFacts(ctx, actor);
  if (!may(actor, seeApprovals, { focalPointOf })) return null;
  const m = memberRefs(ctx.db);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(registrations)
    .leftJoin(m, eq(m.accountId, registrations.accountId))
    .where(waitingFor(actor, focalPointOf, m));
  return row?.n ?? 0;
}

interface ApprovalOutcome {
  id: number;
  number: string;
  status: RegistrationStatus;
  /** False for a decision already taken (a repeated request). */
  changed: boolean;
}

/**
 * Approves or declines several waiting registrations at once, all or none: each must be one the actor may
 * decide (another organization's is "not found"). Meeting by meeting in id order, under the meeting's lock
 * then the rows' (the lock order of every place change), approvals take the free in-person places in the
 * order people registered and the rest join the waiting list; each person is told by mail in the same
 * transaction. A decision already taken is left as it is, so a retried request changes nothing.
 */
export async function decideApprovals(ctx: AppContext, actor: Actor | null, input: ApprovalDecisionInput): Promise<ApprovalOutcome[]> {
  if (!actor) throw new UnauthenticatedError();
  const facts = await approverFacts(ctx, actor);
  authorize(actor, seeApprovals, facts);
  const data = parseInput(approvalDecisionSchema, input);
  const ids = [...new Set(data.registrationIds)];
  const known = await ctx.db
    .select({ id: registrations.id, meetingId: registrations.meetingId, accountId: registrations.accountId })
    .from(registrations)
    .where(inArray(registrations.id, ids));
  if (known.length !== ids.length) throw new NotFoundError();
  const memberships = await membershipsOf(
    ctx,
    known.map((r) => r.accountId),
  );
  for (const r of known)
    authorize(actor, approveRegistration, { ...facts, organizationId: memberships.get(r.accountId)?.organizationId ?? null });
  const meetingIds = [...new Set(known.map((r) => r.meetingId))].sort((a, b) => a - b);
  const details = new Map(await Promise.all(meetingIds.map(async (id) => [id, await getMeeting(ctx, id)] as const)));
  const outcomes = await ctx.db.transaction(async (tx) => {
    const all: ApprovalOutcome[] = [];
    for (const meetingId of meetingIds) {
      const mine = known.filter((r) => r.meetingId === meetingId).map((r) => r.id);
      all.push(...(await decideAtMeeting(ctx, tx, actor, details.get(meetingId)!, mine, data.decision, data.reason ?? null)));
    }
    return all;
  });
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return ids.map((id) => byId.get(id)!);
}

async function decideAtMeeting(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  detail: MeetingDetail,
  ids: number[],
  decision: ApprovalDecision,
  reason: string | null,
): Promise<ApprovalOutcome[]> {
  const meetingId = detail.meeting.id;
  const { capacity } = await lockPlaces(tx, meetingId);
  const rows = await tx.select().from(registrations).where(inArray(registrations.id, ids)).orderBy(asc(registrations.id)).for('update');
  let placesTaken = await inPersonTaken(tx, meetingId);
  let queuedAt = await lastQueuedAt(tx, meetingId);
  const now = ctx.clock.now();
  const changes: { row: RegistrationRow; to: RegistrationStatus; waitlistedAt: Date | null }[] = [];
  const outcomes = rows.map((row): ApprovalOutcome => {
    const placeFree = capacity === null || placesTaken < capacity;
    const t = decide(row.status, { type: decision }, { mode: row.mode, open: true, placeFree });
    if (t.changed) {
      let waitlistedAt: Date | null = null;
      if (t.queue === 'join') {
        waitlistedAt = queueTime(now, queuedAt);
        queuedAt = waitlistedAt;
      }
      if (t.to === 'registered' && row.mode === 'in-person') placesTaken++;
      changes.push({ row, to: t.to, waitlistedAt });
    }
    return { id: row.id, number: row.number, status: t.to, changed: t.changed };
  });
  if (changes.length === 0) return outcomes;
  // What the approvals give each organization in person must fit its quota at the meeting.
  const placed = changes.filter((c) => c.to !== 'declined' && c.row.mode === 'in-person');
  if (placed.length) {
    const memberships = await membershipsOf(
      ctx,
      placed.map((c) => c.row.accountId),
      tx,
    );
    const adding = new Map<number, number>();
    for (const c of placed) {
      const organizationId = memberships.get(c.row.accountId)?.organizationId;
      if (organizationId !== undefined) adding.set(organizationId, (adding.get(organizationId) ?? 0) + 1);
    }
    await checkQuotas(tx, meetingId, adding);
  }
  const decided = { approvalDecidedBy: actor.id, approvalDecidedAt: now, updatedAt: now };
  // One statement per resulting status; the waiting list's times differ per person.
  for (const to of ['registered', 'declined'] as const) {
    const these = changes.filter((c) => c.to === to).map((c) => c.row.id);
    if (these.length)
      await tx
        .update(registrations)
        .set({ ...decided, status: to, declineReason: to === 'declined' ? reason : null })
        .where(inArray(registrations.id, these));
  }
  for (const c of changes.filter((c) => c.to === 'waitlisted'))
    await tx
      .update(registrations)
      .set({ ...decided, status: 'waitlisted', waitlistedAt: c.waitlistedAt })
      .where(eq(registrations.id, c.row.id));
  for (const c of changes.filter((c) => c.to === 'declined'))
    for (const part of partsOfRegistrations()) await part.withdraw(ctx, tx, c.row.id);
  const persons = await contactsOf(
    ctx,
    changes.map((c) => c.row.accountId),
    tx,
  );
  await queueMails(
    tx,
    changes.flatMap(({ row, to }) => {
      const person = persons.get(row.accountId);
      if (!person) return [];
      return [
        registrationMail(ctx, detail, { ...row, status: to, declineReason: reason }, to === 'declined' ? 'declined' : 'confirmed', person),
      ];
    }),
  );
  await recordAudit(
    tx,
    changes.map((c) => ({ actorId: actor.id, action: `registration.${decision}`, subject: `registration:${c.row.id}`, at: now })),
  );
  return outcomes;
}
