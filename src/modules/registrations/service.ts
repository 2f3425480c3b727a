import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { isUniqueViolation, queryPrepared, rowsOf, type Tx } from '../../platform/db/index.ts';
import {
  ConflictError,
  DomainError,
  type FieldError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../platform/errors.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, type MessageKey, pick, translator } from '../../platform/i18n/index.ts';
import { claimRequestKey, recordResult, requestKeyOf } from '../../platform/idempotency/keys.ts';
import { type OutgoingMail, queueMail, queueMails } from '../../platform/mail/outbox.ts';
import { defineMailTemplate } from '../../platform/mail/templates.ts';
import { authorize, may } from '../../platform/policy.ts';
import { deadlineClosesAt } from '../../platform/time.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { accounts } from '../accounts/schema.ts';
import { audit, findActorByEmail, noteTokenUse } from '../accounts/service.ts';
import { meetingIcs } from '../meetings/calendar.ts';
import { meetings } from '../meetings/schema.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { partsOfRegistrations, piecesOf, type RegistrationPart } from './parts.ts';
import { manageRegistrations, passDeadlines, useRegistration } from './policies.ts';
import {
  allowedModes,
  queueTime,
  type RegistrationEvent,
  type RegistrationRefusal,
  type RegistrationState,
  registrationTransition,
  type TransitionContext,
} from './rules.ts';
import { registrations } from './schema.ts';
import { type ParticipationMode, participationModeLabel, participationModes, type RegistrationStatus } from './vocabulary.ts';

type RegistrationRow = typeof registrations.$inferSelect;

const coreSchema = z.object({
  mode: oneOf(participationModes),
  sessions: z.array(z.string().trim().toUpperCase()).min(1, { message: 'error.sessionsChoose' }).max(50),
  consent: z.literal(true, { message: 'error.consent' }),
});
/** A registration's body: mode, sessions and consent, and each part's input under its field (`visaRequest`). */
export type RegistrationInput = z.input<typeof coreSchema> & { [partInput: string]: unknown };
type Checked = z.output<typeof coreSchema> & { parts: Map<RegistrationPart, unknown> };

/** Built once the modules are wired (the parts are plugged in then), and kept. */
let bodySchema: { parts: RegistrationPart[]; schema: z.ZodType<Record<string, unknown>> } | undefined;
function registrationSchema() {
  const parts = partsOfRegistrations();
  if (!bodySchema || bodySchema.parts.length !== parts.length) {
    const shape = Object.fromEntries(parts.map((p) => [p.inputField, p.input.optional()]));
    bodySchema = { parts, schema: coreSchema.extend(shape) as unknown as z.ZodType<Record<string, unknown>> };
  }
  return bodySchema;
}

function parseRegistration(input: unknown): Checked {
  const { parts, schema } = registrationSchema();
  const data = parseInput(schema, input) as Record<string, unknown>;
  const asked = new Map<RegistrationPart, unknown>();
  for (const part of parts) if (data[part.inputField] !== undefined) asked.set(part, data[part.inputField]);
  return { ...(data as z.output<typeof coreSchema>), parts: asked };
}

export class RegistrationClosedError extends DomainError {
  constructor() {
    super('registration-closed', 409, 'error.registrationClosed');
  }
}
const duplicate = () => new ConflictError('duplicate-registration', 'error.duplicateRegistration');
const cancelled = () => new ConflictError('registration-cancelled', 'error.registrationCancelled');

/** The error a refused transition answers with. */
function refusalError(refusal: RegistrationRefusal): DomainError {
  switch (refusal) {
    case 'registration-closed':
      return new RegistrationClosedError();
    case 'duplicate-registration':
      return duplicate();
    case 'registration-cancelled':
      return cancelled();
    case 'not-registered':
      return new NotFoundError();
    // Only promotions meet these, and they pick waiting people with a place free under the lock.
    case 'not-waitlisted':
    case 'no-place-free':
      return new ConflictError('registration-changed', 'error.registrationChanged');
  }
}

/** The state machine's answer (rules.ts), or its refusal thrown as the matching problem. */
function decide(from: RegistrationState, event: RegistrationEvent, context: TransitionContext) {
  const t = registrationTransition(from, event, context);
  if (!t.ok) throw refusalError(t.refusal);
  return t;
}

export interface RegistrationView {
  id: number;
  number: string;
  meetingId: number;
  accountId: number;
  mode: ParticipationMode;
  sessions: string[];
  status: RegistrationStatus;
  waitlistPosition: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** Each part's piece (null when it has none), by the part's piece field (`visa`). */
  parts: Record<string, unknown>;
}

/** Whether the registration form is open for this person now, and why not. */
export function registrationWindow(detail: MeetingDetail, actor: Actor | null, now: Date) {
  const closesAt = deadlineClosesAt(detail.deadlines.registration, detail.meeting.timeZone);
  return { open: now < closesAt || may(actor, passDeadlines, undefined), closesAt };
}

const noPieces = () => Object.fromEntries(partsOfRegistrations().map((p) => [p.pieceField, null]));

/** `partsKnown`: the caller knows the registration has no parts (a first registration without any asked). */
async function toView(db: AppContext['db'] | Tx, row: RegistrationRow, partsKnown?: 'none'): Promise<RegistrationView> {
  const pieces = partsKnown === 'none' ? noPieces() : await piecesFor(db, [row.id]).then((byId) => byId.get(row.id)!);
  let waitlistPosition: number | null = null;
  if (row.status === 'waitlisted' && row.waitlistedAt) {
    // The queue's order is (waitlistedAt, id); people join it under the meeting's lock at a time after
    // everyone already waiting (queueTime), so a position told is the position later reads give.
    const [ahead] = await db
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.meetingId, row.meetingId),
          eq(registrations.status, 'waitlisted'),
          sql`(${registrations.waitlistedAt}, ${registrations.id}) < (${row.waitlistedAt}, ${row.id})`,
        ),
      );
    waitlistPosition = (ahead?.n ?? 0) + 1;
  }
  return {
    id: row.id,
    number: row.number,
    meetingId: row.meetingId,
    accountId: row.accountId,
    mode: row.mode,
    sessions: row.sessions,
    status: row.status,
    waitlistPosition,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    parts: pieces,
  };
}

/** Each registration's pieces of every part, null where it has none. */
async function piecesFor(db: AppContext['db'] | Tx, ids: number[]): Promise<Map<number, Record<string, unknown>>> {
  const byPart = await piecesOf(db, ids);
  return new Map(ids.map((id) => [id, Object.fromEntries([...byPart].map(([field, pieces]) => [field, pieces.get(id) ?? null]))]));
}

/** Rules that need the meeting and the person: modes, sessions, and what each part asked checks. */
function checkAgainstMeeting(data: Checked, detail: MeetingDetail, category: string, now: Date, pastDeadlines: boolean) {
  const problems: FieldError[] = [];
  if (!allowedModes(detail.meeting.mode).includes(data.mode)) problems.push({ field: 'mode', message: 'error.modeNotOffered' });
  const labels = new Set(detail.sessions.map((s) => s.subgroup));
  data.sessions.forEach((s, i) => {
    if (!labels.has(s)) problems.push({ field: `sessions.${i}`, message: 'error.unknownSession' });
  });
  for (const [part, input] of data.parts) problems.push(...part.check(input, { detail, mode: data.mode, category, now, pastDeadlines }));
  if (problems.length) throw new ValidationError(problems);
}

type AccountRow = typeof accounts.$inferSelect;

async function accountOf(db: AppContext['db'] | Tx, accountId: number): Promise<AccountRow> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Serialises place-taking: every change that takes or frees an in-person place holds the meeting row's
 * lock until it commits (pretix does the same with advisory locks); the registration's own row is locked
 * after it, never before, so two changes cannot wait on each other. Registrations at meetings without a
 * limit need no meeting lock, so they run in parallel.
 */
async function lockPlaces(tx: Tx, meetingId: number): Promise<{ capacity: number | null }> {
  const [row] = await tx.select({ capacity: meetings.inPersonCapacity }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

/** A registration read under its row lock: the state every change decides from. */
async function lockRegistration(tx: Tx, id: number): Promise<RegistrationRow> {
  const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

async function inPersonTaken(tx: Tx, meetingId: number, exceptId?: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        eq(registrations.mode, 'in-person'),
        eq(registrations.status, 'registered'),
        exceptId ? sql`${registrations.id} <> ${exceptId}` : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Whether an in-person place is free for this registration (under the meeting's lock). */
async function placeIsFree(tx: Tx, meetingId: number, capacity: number | null, exceptId?: number): Promise<boolean> {
  return capacity === null || (await inPersonTaken(tx, meetingId, exceptId)) < capacity;
}

/** The waiting-list time a transition leaves: a new one at the end of the queue, the one kept, or none. */
async function waitlistTime(
  tx: Tx,
  meetingId: number,
  queue: 'join' | 'keep' | 'none',
  current: Date | null,
  now: Date,
): Promise<Date | null> {
  if (queue === 'keep') return current;
  if (queue === 'none') return null;
  const [last] = await tx
    .select({ at: max(registrations.waitlistedAt) })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')));
  return queueTime(now, last?.at ?? null);
}

/**
 * Gives free in-person places to the waiting list, in queue order (waitlistedAt, id), and tells each
 * person by mail — in the transaction that freed them, under the meeting's lock. Returns how many were
 * promoted. `known`: the meeting as the caller already read it (for the mails).
 */
async function promoteWaitlist(
  ctx: AppContext,
  tx: Tx,
  meetingId: number,
  capacity: number | null,
  known?: MeetingDetail,
): Promise<number> {
  const free = capacity === null ? null : capacity - (await inPersonTaken(tx, meetingId));
  if (free !== null && free <= 0) return 0;
  const next = await tx
    .select({ registration: registrations, person: accounts })
    .from(registrations)
    .innerJoin(accounts, eq(accounts.id, registrations.accountId))
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.id))
    .limit(free ?? 100_000)
    .for('update', { of: registrations });
  if (next.length === 0) return 0;
  for (const { registration } of next) {
    decide(registration.status, { type: 'promote' }, { mode: registration.mode, open: true, placeFree: true });
  }
  const now = ctx.clock.now();
  await tx
    .update(registrations)
    .set({ status: 'registered', waitlistedAt: null, updatedAt: now })
    .where(
      inArray(
        registrations.id,
        next.map((n) => n.registration.id),
      ),
    );
  const detail = known ?? (await getMeeting(ctx, meetingId, tx));
  await queueMails(
    tx,
    next.map(({ registration, person }) => registrationMail(ctx, detail, { ...registration, status: 'registered' }, 'promoted', person)),
  );
  return next.length;
}

type MailPerson = Pick<AccountRow, 'email' | 'givenName' | 'preferredLanguage'>;
type MailEvent = 'confirmed' | 'promoted' | 'cancelled';
const mailSubjects: Record<MailEvent, MessageKey> = {
  confirmed: 'mail.registration.subject.confirmed',
  promoted: 'mail.registration.subject.promoted',
  cancelled: 'mail.registration.subject.cancelled',
};

/** Calendar attachments per meeting snapshot and language (the self-service path reuses snapshots). */
const icsByDetail = new WeakMap<MeetingDetail, Map<Locale, string>>();
function icsAttachment(ctx: AppContext, detail: MeetingDetail, locale: Locale): string {
  let byLocale = icsByDetail.get(detail);
  if (!byLocale) {
    byLocale = new Map();
    icsByDetail.set(detail, byLocale);
  }
  let content = byLocale.get(locale);
  if (!content) {
    content = Buffer.from(meetingIcs(ctx, detail, locale)).toString('base64');
    byLocale.set(locale, content);
  }
  return content;
}

/** The mail telling a person about their registration, in their language, with the meeting's .ics. */
function registrationMail(
  ctx: AppContext,
  detail: MeetingDetail,
  reg: Pick<RegistrationRow, 'id' | 'number' | 'mode' | 'sessions' | 'status'>,
  event: MailEvent,
  person: MailPerson,
): OutgoingMail {
  const locale: Locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : 'en';
  const t = translator(locale);
  const params = {
    name: person.givenName,
    number: reg.number,
    meeting: pick(detail.meeting.title, locale),
    dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
    mode: t(participationModeLabel[reg.mode]),
    sessions: reg.sessions.join(', '),
    link: `${ctx.config.baseUrl}/registrations/${reg.id}`,
  };
  const body =
    event === 'cancelled'
      ? t('mail.registration.cancelled', params)
      : event === 'promoted'
        ? t('mail.registration.promoted', params)
        : reg.status === 'waitlisted'
          ? t('mail.registration.waitlisted', params)
          : t('mail.registration.confirmed', params);
  return {
    kind: `registration-${event}`,
    to: person.email,
    subject: t(mailSubjects[event], params),
    text: body,
    attachments:
      event === 'cancelled'
        ? []
        : [
            {
              filename: `meeting-${detail.meeting.id}.ics`,
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: icsAttachment(ctx, detail, locale),
            },
          ],
  };
}

async function mailRegistration(
  ctx: AppContext,
  tx: Tx,
  detail: MeetingDetail,
  reg: RegistrationRow,
  event: MailEvent,
  knownPerson?: AccountRow,
) {
  await queueMail(tx, registrationMail(ctx, detail, reg, event, knownPerson ?? (await accountOf(tx, reg.accountId))));
}

/** Mails this module queues unrendered: the confirmation of the one-statement path. */
export function defineRegistrationMailTemplates(): void {
  defineMailTemplate('registration-confirmed', async (ctx, params) => {
    const [row] = await ctx.db
      .select()
      .from(registrations)
      .where(eq(registrations.id, Number(params.registrationId)));
    if (!row) return null;
    const [detail, person] = await Promise.all([getMeeting(ctx, row.meetingId), accountOf(ctx.db, row.accountId)]);
    return registrationMail(ctx, detail, row, 'confirmed', person);
  });
}

/**
 * Meetings and their calendar files change rarely and registrants read them constantly: the self-service
 * path keeps each for a second per instance. Deadlines are re-checked against that copy, so an edit
 * reaches registrants within a second.
 */
const SHORT_CACHE_MS = 1_000;
const recentMeetings = new Map<number, { at: number; detail: Promise<MeetingDetail> }>();
function recentMeeting(ctx: AppContext, meetingId: number): Promise<MeetingDetail> {
  const now = Date.now();
  const hit = recentMeetings.get(meetingId);
  if (hit && now - hit.at < SHORT_CACHE_MS) return hit.detail;
  const detail = getMeeting(ctx, meetingId);
  detail.catch(() => recentMeetings.delete(meetingId));
  if (recentMeetings.size > 1000) recentMeetings.clear();
  recentMeetings.set(meetingId, { at: now, detail });
  return detail;
}

// The one-statement registration: $1 token hash or account id, $2 e-mail (with an account id), $3 meeting,
// $4 number prefix, $5 mode, $6 sessions (JSON), $7 now.
const ONE_STATEMENT_REGISTRATION = (who: string) => `
  WITH who AS (${who}),
  seq AS (SELECT nextval(pg_get_serial_sequence('registrations', 'id'))::int AS id FROM who),
  ins AS (
    INSERT INTO registrations (id, meeting_id, account_id, number, mode, sessions, status, consent_at, created_at, updated_at)
    SELECT seq.id, $3::int, who.id, $4::text || lpad(seq.id::text, greatest(4, length(seq.id::text)), '0'), $5::text,
           $6::jsonb, 'registered', $7::timestamptz, $7::timestamptz, $7::timestamptz
    FROM seq, who
    -- the limit is read fresh: a capacity set a moment ago sends in-person registrants to the locked path
    WHERE $5::text <> 'in-person' OR (SELECT in_person_capacity FROM meetings WHERE id = $3::int) IS NULL
    ON CONFLICT (meeting_id, account_id) DO NOTHING
    RETURNING id, number),
  mail AS (
    INSERT INTO outbox (kind, to_address, params, next_attempt_at)
    SELECT 'registration-confirmed', who.email, jsonb_build_object('registrationId', ins.id), 'epoch'::timestamptz
    FROM ins, who)
  SELECT who.id AS account_id, who.token_id, who.last_used_at, ins.id, ins.number FROM who LEFT JOIN ins ON true`;
const REGISTER_BY_TOKEN = ONE_STATEMENT_REGISTRATION(
  'SELECT a.id, a.email, t.id AS token_id, t.last_used_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1::text AND $2::text IS NULL',
);
const REGISTER_ACTOR = ONE_STATEMENT_REGISTRATION(
  'SELECT $1::int AS id, $2::text AS email, NULL::int AS token_id, NULL::timestamptz AS last_used_at',
);

interface OneStatementRow {
  account_id: number;
  token_id: number | null;
  last_used_at: Date | string | null;
  id: number | null;
  number: string | null;
}

/** Who registers on the one-statement path: a known actor, or an API token checked inside the statement. */
type Registrant = { actor: Actor } | { tokenHash: string };

/**
 * The common case — a person registering themselves, without parts (a visa request), idempotency key or earlier
 * registration, where no in-person limit applies — in one statement: the caller's token, the number,
 * the registration and its confirmation mail (queued unrendered, see `registrationMailTemplates`) are
 * checked and written together, atomically. `registered` is undefined when the token is unknown, a
 * registration of this person already exists (ON CONFLICT) or a limit now applies, leaving those cases
 * to the general path.
 */
async function registerInOneStatement(
  ctx: AppContext,
  registrant: Registrant,
  detail: MeetingDetail,
  data: Checked,
  now: Date,
): Promise<RegistrationView | undefined> {
  const sessions = [...new Set(data.sessions)];
  const meetingId = detail.meeting.id;
  const byToken = 'tokenHash' in registrant;
  const rows = await queryPrepared<OneStatementRow>(
    ctx.db,
    byToken ? 'register-by-token' : 'register-actor',
    byToken ? REGISTER_BY_TOKEN : REGISTER_ACTOR,
    [
      byToken ? registrant.tokenHash : registrant.actor.id,
      byToken ? null : registrant.actor.email,
      meetingId,
      `R${meetingId}-`,
      data.mode,
      JSON.stringify(sessions),
      now.toISOString(),
    ],
  );
  const [row] = rows;
  if (!row) return undefined;
  if (row.token_id !== null) noteTokenUse(ctx, Number(row.token_id), row.last_used_at === null ? null : new Date(row.last_used_at));
  if (row.id === null || row.number === null) return undefined;
  return {
    id: Number(row.id),
    number: row.number,
    meetingId,
    accountId: Number(row.account_id),
    mode: data.mode,
    sessions,
    status: 'registered',
    waitlistPosition: null,
    createdAt: now,
    updatedAt: now,
    parts: noPieces(),
  };
}

/** Whether a request can take the one-statement path: returns its checked input, or undefined. */
async function fastPathInput(ctx: AppContext, meetingId: number, input: RegistrationInput, options: RegisterOptions) {
  if (options.onBehalfOf || options.idempotencyKey) return undefined;
  const detail = await recentMeeting(ctx, meetingId);
  const now = ctx.clock.now();
  // Closed for everyone but the secretariat: the general path knows who is asking.
  if (!registrationWindow(detail, null, now).open) return undefined;
  const data = parseRegistration(input);
  if (data.parts.size > 0 || (data.mode === 'in-person' && detail.meeting.inPersonCapacity !== null)) return undefined;
  checkAgainstMeeting(data, detail, '', now, false);
  return { detail, data, now };
}

/**
 * Registration by an API client whose token has not been checked yet: the common case checks it inside
 * its one statement. Undefined when that path does not apply; the caller then authenticates and calls
 * `register`.
 */
export async function registerWithApiToken(
  ctx: AppContext,
  token: string,
  meetingId: number,
  input: RegistrationInput,
  options: RegisterOptions = {},
): Promise<{ registration: RegistrationView; replayed: false } | undefined> {
  const fast = await fastPathInput(ctx, meetingId, input, options);
  if (!fast) return undefined;
  const registration = await registerInOneStatement(ctx, { tokenHash: sha256(token) }, fast.detail, fast.data, fast.now);
  return registration && { registration, replayed: false };
}

interface RegisterOptions {
  idempotencyKey?: string;
  /** Secretariat only: register another account, identified by e-mail. */
  onBehalfOf?: string;
  /** The one-statement path already ran for this request (`registerWithApiToken`) and declined it. */
  oneStatementTried?: boolean;
}

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
    authorize(actor, manageRegistrations, undefined);
    const person = await findActorByEmail(ctx, options.onBehalfOf);
    if (!person) throw new ValidationError([{ field: 'onBehalfOf', message: 'error.unknownAccount' }]);
    personId = person.id;
  }
  // Independent reads first, in parallel; the transaction then only writes.
  const [detail, person, [previous], [sequence]] = await Promise.all([
    getMeeting(ctx, meetingId),
    accountOf(ctx.db, personId),
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
      if (previous && previous.status !== 'cancelled') throw duplicate();
      const now = ctx.clock.now();
      const window = registrationWindow(detail, actor, now);
      if (!window.open) throw new RegistrationClosedError();
      const data = parseRegistration(input);
      checkAgainstMeeting(data, detail, person.category, now, may(actor, passDeadlines, undefined));

      // Locks in the one order: the meeting (when places are involved), then the registration.
      const limited = data.mode === 'in-person' && detail.meeting.inPersonCapacity !== null;
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
        },
      );
      const values = {
        mode: data.mode,
        sessions: [...new Set(data.sessions)],
        status: t.to,
        consentAt: now,
        waitlistedAt: await waitlistTime(tx, meetingId, t.queue, null, now),
        cancelledAt: null,
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
  const [detail, person] = await Promise.all([getMeeting(ctx, current.meetingId), accountOf(ctx.db, current.accountId)]);
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
