import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { isUniqueViolation, rowsOf, type Tx } from '../../platform/db/index.ts';
import { type FieldError, NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { claimRequestKey, recordResult, requestKeyOf } from '../../platform/idempotency/keys.ts';
import { authorize, may } from '../../platform/policy.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import { findActorByEmail } from '../accounts/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { membershipsOf } from '../organizations/queries.ts';
import { approvalOf, focalPointOf, mailFocalPoints, mayApprove } from './approval-facts.ts';
import { checkAgainstMeeting, parseRegistration, type RegisterOptions, type RegistrationInput } from './input.ts';
import { mailRegistration } from './mail.ts';
import { fastPathInput, registerInOneStatement } from './one-statement.ts';
import type { RegistrationPart } from './parts.ts';
import { partsOfRegistrations } from './parts.ts';
import { lockPlaces, placeIsFree, promoteWaitlist, waitlistTime } from './places.ts';
import { approveRegistration, manageRegistrations, passDeadlines, useRegistration } from './policies.ts';
import { checkQuotas } from './quotas.ts';
import { allowedModes, needsApproval } from './rules.ts';
import { registrations } from './schema.ts';
import {
  cancelled,
  decide,
  duplicate,
  lockRegistration,
  personOf,
  RegistrationClosedError,
  type RegistrationRow,
  registrationWindow,
} from './state.ts';
import { piecesFor, type RegistrationView, toView } from './view.ts';
import { type ParticipationMode, participationModes } from './vocabulary.ts';

/**
 * Registers a person for a meeting. One registration per person and meeting (a unique index);
 * places and numbers are taken under the meeting row's lock; a repeated Idempotency-Key returns the
 * first registration instead of creating another.
 */
export async function register(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: RegistrationInput,
  options: RegisterOptions = {},
): Promise<{ registration: RegistrationView; replayed: boolean }> {
  if (!actor) throw new UnauthenticatedError();
  const fast = options.oneStatementTried ? undefined : await fastPathInput(ctx, meetingId, input, options);
  if (fast) {
    const registration = await registerInOneStatement(ctx, { actor }, fast.detail, fast.data, fast.now);
    if (registration) return { registration, replayed: false };
  }
  let personId = actor.id;
  if (options.onBehalfOf) {
    const person = await findActorByEmail(ctx, options.onBehalfOf);
    // The secretariat registers anyone; a focal point the people of their organization (others': not found).
    if (!may(actor, manageRegistrations, undefined)) {
      const known = await membershipsOf(ctx, person ? [actor.id, person.id] : [actor.id]);
      const focalPoint = focalPointOf(known.get(actor.id));
      if (focalPoint === null) authorize(actor, manageRegistrations, undefined);
      authorize(actor, approveRegistration, {
        focalPointOf: focalPoint,
        organizationId: person ? (known.get(person.id)?.organizationId ?? null) : null,
      });
    }
    if (!person) throw new ValidationError([{ field: 'onBehalfOf', message: 'error.unknownAccount' }]);
    personId = person.id;
  }
  // Independent reads first, in parallel; the transaction then only writes.
  const [detail, person, memberships, [previous], [sequence]] = await Promise.all([
    getMeeting(ctx, meetingId),
    personOf(ctx, personId),
    membershipsOf(ctx, [personId, actor.id]),
    ctx.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.meetingId, meetingId), eq(registrations.accountId, personId))),
    // Numbers come from the id sequence: unique without a hot counter row all registrants would queue on.
    ctx.db.execute(sql`SELECT nextval(pg_get_serial_sequence('registrations', 'id'))::int AS id`).then(rowsOf<{ id: number }>),
  ]);
  const nextId = sequence!.id;
  const key = requestKeyOf(options.idempotencyKey);
  const requestKey = key && {
    scope: 'registration',
    accountId: actor.id,
    key,
    requestHash: sha256(JSON.stringify({ meetingId, input, onBehalfOf: options.onBehalfOf ?? null })),
  };
  try {
    return await ctx.db.transaction(async (tx) => {
      if (requestKey) {
        const replay = await claimRequestKey<{ registrationId: number }>(tx, requestKey, ctx.clock.now());
        if (replay !== undefined) {
          const [row] = await tx.select().from(registrations).where(eq(registrations.id, replay.registrationId));
          if (!row) throw new NotFoundError();
          return { registration: await toView(tx, row), replayed: true };
        }
      }
      // Quick refusals from the state read before the transaction; decided again under the locks below.
      if (previous && previous.status !== 'cancelled' && previous.status !== 'declined') throw duplicate();
      const now = ctx.clock.now();
      const window = registrationWindow(detail, actor, now);
      if (!window.open) throw new RegistrationClosedError();
      const data = parseRegistration(input);
      checkAgainstMeeting(data, detail, person.category, now, may(actor, passDeadlines, undefined));
      const waits = needsApproval({
        approval: approvalOf(detail),
        category: person.category,
        registeredByApprover: mayApprove(actor, memberships.get(actor.id), memberships.get(personId)),
      });

      // Locks in the one order: the meeting (when places are involved), then the registration.
      // An organization's people in person may be held to its quota: counted under the meeting's lock too.
      const organizationId = memberships.get(personId)?.organizationId;
      const limited = data.mode === 'in-person' && (detail.meeting.inPersonCapacity !== null || organizationId !== undefined);
      const capacity = limited ? (await lockPlaces(tx, meetingId)).capacity : null;
      // A person without a registration has no row to lock: a concurrent first registration of theirs
      // meets the unique index and this one is refused as a duplicate.
      const existing = previous ? await lockRegistration(tx, previous.id) : undefined;
      const t = decide(
        existing?.status ?? 'none',
        { type: 'register', mode: data.mode },
        {
          mode: existing?.mode ?? null,
          open: window.open,
          placeFree: data.mode !== 'in-person' || (await placeIsFree(tx, meetingId, capacity)),
          needsApproval: waits,
        },
      );
      if (organizationId !== undefined && data.mode === 'in-person' && t.to !== 'pending-approval')
        await checkQuotas(tx, meetingId, new Map([[organizationId, 1]]));
      const values = {
        mode: data.mode,
        sessions: [...new Set(data.sessions)],
        status: t.to,
        consentAt: now,
        waitlistedAt: await waitlistTime(tx, meetingId, t.queue, null, now),
        cancelledAt: null,
        approvalDecidedBy: null,
        approvalDecidedAt: null,
        declineReason: null,
        registeredBy: personId === actor.id ? null : actor.id,
        updatedAt: now,
      };
      const [row] = existing
        ? await tx.update(registrations).set(values).where(eq(registrations.id, existing.id)).returning()
        : await tx
            .insert(registrations)
            .values({ ...values, id: nextId, meetingId, accountId: personId, number: `R${meetingId}-${String(nextId).padStart(4, '0')}` })
            .returning();
      if (!row) throw duplicate();
      for (const part of partsOfRegistrations()) {
        await part.save(ctx, tx, row.id, data.parts.get(part), previous ? 're-register' : 'register');
      }
      if (requestKey) await recordResult(tx, requestKey, { registrationId: row.id });
      if (t.mail) await mailRegistration(ctx, tx, detail, row, t.mail, person);
      if (t.to === 'pending-approval') await mailFocalPoints(ctx, tx, detail, [{ registration: row, person }]);
      return { registration: await toView(tx, row, previous || data.parts.size > 0 ? undefined : 'none'), replayed: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/** The registration if the actor owns it or is the secretariat; otherwise "not found". */
async function ownedRegistration(ctx: AppContext, actor: Actor | null, id: number): Promise<RegistrationRow> {
  if (!actor) throw new UnauthenticatedError();
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db.select().from(registrations).where(eq(registrations.id, id));
  if (!row) throw new NotFoundError();
  authorize(actor, useRegistration, { accountId: row.accountId });
  return row;
}

export async function getRegistration(ctx: AppContext, actor: Actor | null, id: number): Promise<RegistrationView> {
  return toView(ctx.db, await ownedRegistration(ctx, actor, id));
}

export async function findMyRegistration(ctx: AppContext, actor: Actor, meetingId: number): Promise<RegistrationView | null> {
  const [row] = await ctx.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.accountId, actor.id)));
  return row ? toView(ctx.db, row) : null;
}

export async function listMyRegistrations(ctx: AppContext, actor: Actor | null): Promise<RegistrationView[]> {
  if (!actor) throw new UnauthenticatedError();
  const rows = await ctx.db.select().from(registrations).where(eq(registrations.accountId, actor.id)).orderBy(asc(registrations.id));
  const pieces = await piecesFor(
    ctx.db,
    rows.map((r) => r.id),
  );
  return Promise.all(rows.map(async (r) => ({ ...(await toView(ctx.db, r, 'none')), parts: pieces.get(r.id)! })));
}

/**
 * Adds a part to a standing registration of the actor's (the secretariat: anyone's) — a visa request after a
 * reminder, say — under the same rules as when registering, checked again under the registration's lock.
 */
export async function addPart(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
  part: RegistrationPart,
  input: unknown,
): Promise<RegistrationView> {
  const current = await ownedRegistration(ctx, actor, id);
  if (current.status === 'cancelled') throw cancelled();
  const [detail, person] = await Promise.all([getMeeting(ctx, current.meetingId), personOf(ctx, current.accountId)]);
  const now = ctx.clock.now();
  const pastDeadlines = may(actor, passDeadlines, undefined);
  const request = parseInput(part.input.optional(), input ?? {});
  const check = (mode: ParticipationMode) => {
    const problems = part.check(request, { detail, mode, category: person.category, now, pastDeadlines });
    if (problems.length) throw new ValidationError(problems);
  };
  check(current.mode);
  const view = await ctx.db.transaction(async (tx) => {
    const row = await lockRegistration(tx, id);
    decide(row.status, { type: 'add-part' }, { mode: row.mode, open: true, placeFree: true });
    // Switched mode meanwhile: checked again as it is now.
    if (row.mode !== current.mode) check(row.mode);
    await part.save(ctx, tx, id, request, 'add');
    return toView(tx, row);
  });
  await audit(ctx, actor, part.auditAction, `registration:${id}`);
  return view;
}

const registrationChangeSchema = z.object({
  mode: oneOf(participationModes).optional(),
  sessions: z.array(z.string().trim().toUpperCase()).min(1, { message: 'error.sessionsChoose' }).max(50).optional(),
});

/** A cancellation or a switch to remote withdraws what the parts hold standing. */
async function withdrawParts(ctx: AppContext, tx: Tx, registrationId: number): Promise<void> {
  for (const part of partsOfRegistrations()) await part.withdraw(ctx, tx, registrationId);
}

/**
 * Changes mode or sessions until the deadline (the secretariat at any time). A cancelled registration
 * cannot be changed (409 `registration-cancelled`): it is registered again instead.
 */
export async function changeRegistration(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
  input: z.input<typeof registrationChangeSchema>,
): Promise<RegistrationView> {
  const current = await ownedRegistration(ctx, actor, id);
  const detail = await getMeeting(ctx, current.meetingId);
  const open = registrationWindow(detail, actor, ctx.clock.now()).open;
  // Quick refusals from the state read before the transaction; decided again under the locks below.
  decide(current.status, { type: 'change', mode: current.mode }, { mode: current.mode, open, placeFree: true });
  const change = parseInput(registrationChangeSchema, input);
  const problems: FieldError[] = [];
  if (!allowedModes(detail.meeting.mode).includes(change.mode ?? current.mode))
    problems.push({ field: 'mode', message: 'error.modeNotOffered' });
  const labels = new Set(detail.sessions.map((s) => s.subgroup));
  (change.sessions ?? current.sessions).forEach((s, i) => {
    if (!labels.has(s)) problems.push({ field: `sessions.${i}`, message: 'error.unknownSession' });
  });
  if (problems.length) throw new ValidationError(problems);
  return ctx.db.transaction(async (tx) => {
    const { capacity } = await lockPlaces(tx, current.meetingId);
    const fresh = await lockRegistration(tx, id);
    const mode = change.mode ?? fresh.mode;
    const joinsInPerson = mode === 'in-person' && fresh.mode !== 'in-person';
    const t = decide(
      fresh.status,
      { type: 'change', mode },
      { mode: fresh.mode, open, placeFree: !joinsInPerson || (await placeIsFree(tx, fresh.meetingId, capacity, id)) },
    );
    // Coming in person takes one of the organization's quota, as registering in person would.
    if (joinsInPerson && t.to !== 'pending-approval') {
      const organizationId = (await membershipsOf(ctx, [fresh.accountId], tx)).get(fresh.accountId)?.organizationId;
      if (organizationId !== undefined) await checkQuotas(tx, fresh.meetingId, new Map([[organizationId, 1]]));
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .update(registrations)
      .set({
        mode,
        sessions: [...new Set(change.sessions ?? fresh.sessions)],
        status: t.to,
        waitlistedAt: await waitlistTime(tx, fresh.meetingId, t.queue, fresh.waitlistedAt, now),
        updatedAt: now,
      })
      .where(eq(registrations.id, id))
      .returning();
    if (fresh.mode === 'in-person' && mode !== 'in-person') await withdrawParts(ctx, tx, id);
    await promoteWaitlist(ctx, tx, fresh.meetingId, capacity, detail);
    return toView(tx, row!);
  });
}

/**
 * Cancels until the deadline (the secretariat at any time); a freed place goes to the waiting list in
 * the same transaction. Cancelling again changes nothing and sends no second mail.
 */
export async function cancelRegistration(ctx: AppContext, actor: Actor | null, id: number): Promise<RegistrationView> {
  const current = await ownedRegistration(ctx, actor, id);
  const detail = await getMeeting(ctx, current.meetingId);
  const open = registrationWindow(detail, actor, ctx.clock.now()).open;
  decide(current.status, { type: 'cancel' }, { mode: current.mode, open, placeFree: true });
  const { view, changed } = await ctx.db.transaction(async (tx) => {
    const { capacity } = await lockPlaces(tx, current.meetingId);
    const fresh = await lockRegistration(tx, id);
    const t = decide(fresh.status, { type: 'cancel' }, { mode: fresh.mode, open, placeFree: true });
    if (!t.changed) return { view: await toView(tx, fresh), changed: false };
    const row = await cancelLocked(ctx, tx, fresh);
    if (t.mail) await mailRegistration(ctx, tx, detail, row, t.mail);
    await promoteWaitlist(ctx, tx, fresh.meetingId, capacity, detail);
    return { view: await toView(tx, row), changed: true };
  });
  if (changed && actor && actor.id !== current.accountId) await audit(ctx, actor, 'registration.cancel', `registration:${id}`);
  return view;
}

/** Writes a cancellation decided under the row's lock: status and time together, the parts withdrawn. */
async function cancelLocked(ctx: AppContext, tx: Tx, row: RegistrationRow): Promise<RegistrationRow> {
  const now = ctx.clock.now();
  const [updated] = await tx
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: now, waitlistedAt: null, updatedAt: now })
    .where(eq(registrations.id, row.id))
    .returning();
  await withdrawParts(ctx, tx, row.id);
  return updated!;
}

/**
 * Handler of `account.deleting`: cancels every active registration of the account, meeting by meeting
 * in id order (the lock order), and hands the freed places to the waiting lists — all in the deletion's
 * transaction. No cancellation mail: the account and its mails are going.
 */
export async function releaseRegistrations(ctx: AppContext, tx: Tx, { accountId }: { accountId: number }): Promise<void> {
  const active = await tx
    .select({ id: registrations.id, meetingId: registrations.meetingId })
    .from(registrations)
    .where(and(eq(registrations.accountId, accountId), sql`${registrations.status} <> 'cancelled'`))
    .orderBy(asc(registrations.meetingId));
  for (const reg of active) {
    const { capacity } = await lockPlaces(tx, reg.meetingId);
    const fresh = await lockRegistration(tx, reg.id);
    const t = decide(fresh.status, { type: 'cancel' }, { mode: fresh.mode, open: true, placeFree: true });
    if (!t.changed) continue;
    await cancelLocked(ctx, tx, fresh);
    await promoteWaitlist(ctx, tx, reg.meetingId, capacity);
  }
}

/**
 * Handler of `meeting.updated`: a raised or removed in-person limit gives the new places to the waiting
 * list, in order, before the edit commits — so nobody registering afterwards can take them first. A
 * lowered limit demotes nobody.
 */
export async function promoteAfterMeetingChange(ctx: AppContext, tx: Tx, { meetingId }: { meetingId: number }): Promise<void> {
  const { capacity } = await lockPlaces(tx, meetingId);
  await promoteWaitlist(ctx, tx, meetingId, capacity);
}
