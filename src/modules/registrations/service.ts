import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { isUniqueViolation, queryPrepared, rowsOf, type Tx } from '../../platform/db/index.ts';
import { ConflictError, DomainError, type FieldError, NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { type OutgoingMail, queueMail } from '../../platform/mail/outbox.ts';
import { defineMailTemplate } from '../../platform/mail/templates.ts';
import { dateInZone, deadlineClosesAt } from '../../platform/time.ts';
import { oneOf, parseInput } from '../../platform/validation.ts';
import { type Actor, isSecretariat } from '../accounts/profile.ts';
import { accounts } from '../accounts/schema.ts';
import { audit, findActorByEmail, noteTokenUse } from '../accounts/service.ts';
import { meetingIcs } from '../meetings/calendar.ts';
import { meetings } from '../meetings/schema.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { passportOf, visaRequestSchema } from '../visas/input.ts';
import { visaRequests } from '../visas/schema.ts';
import { letterValid } from '../visas/rules.ts';
import { allowedModes, checkVisaDates, isVisaEligibleCategory, participationModes, placeFor } from './rules.ts';
import { idempotencyKeys, registrations } from './schema.ts';

export type RegistrationRow = typeof registrations.$inferSelect;

export const registrationSchema = z.object({
  mode: oneOf(participationModes),
  sessions: z.array(z.string().trim().toUpperCase()).min(1, { message: 'error.sessionsChoose' }).max(50),
  consent: z.literal(true, { message: 'error.consent' }),
  visaRequest: visaRequestSchema.optional(),
});
export type RegistrationInput = z.input<typeof registrationSchema>;

export class RegistrationClosedError extends DomainError {
  constructor() {
    super('registration-closed', 409, 'error.registrationClosed');
  }
}
const duplicate = () => new ConflictError('duplicate-registration', 'error.duplicateRegistration');
const visaNotEligible = () => new DomainError('visa-not-eligible', 422, 'error.visaNotEligible', {}, [{ field: 'visaRequest', message: 'error.visaNotEligible' }]);
const visaClosed = () => new DomainError('visa-closed', 409, 'error.visaClosed', {}, [{ field: 'visaRequest', message: 'error.visaClosed' }]);

export interface RegistrationView {
  id: number;
  number: string;
  meetingId: number;
  accountId: number;
  mode: string;
  sessions: string[];
  status: string;
  waitlistPosition: number | null;
  createdAt: Date;
  updatedAt: Date;
  visa: { id: number; status: string; reason: string | null; letterReference: string | null; letterAvailable: boolean } | null;
}

/** Whether the registration form is open for this person now, and why not. */
export function registrationWindow(detail: MeetingDetail, actor: Actor | null, now: Date) {
  const closesAt = deadlineClosesAt(detail.deadlines.registration, detail.meeting.timeZone);
  const visaClosesAt = deadlineClosesAt(detail.deadlines.visaSupport, detail.meeting.timeZone);
  return {
    open: now < closesAt || isSecretariat(actor),
    closesAt,
    visaOpen: now < visaClosesAt,
    visaClosesAt,
  };
}

/** `knownVisa`: the caller already holds the registration's visa request rows (saves a query). */
async function toView(db: AppContext['db'] | Tx, row: RegistrationRow, knownVisa?: (typeof visaRequests.$inferSelect)[]): Promise<RegistrationView> {
  const [visa] = knownVisa ?? (await db.select().from(visaRequests).where(eq(visaRequests.registrationId, row.id)));
  let waitlistPosition: number | null = null;
  if (row.status === 'waitlisted' && row.waitlistedAt) {
    const [ahead] = await db
      .select({ n: count() })
      .from(registrations)
      .where(and(eq(registrations.meetingId, row.meetingId), eq(registrations.status, 'waitlisted'), sql`(${registrations.waitlistedAt}, ${registrations.id}) < (${row.waitlistedAt}, ${row.id})`));
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
    visa: visa
      ? { id: visa.id, status: visa.status, reason: visa.reason, letterReference: visa.letterReference, letterAvailable: letterValid(visa) }
      : null,
  };
}

type Checked = z.output<typeof registrationSchema>;

/** Rules that need the meeting and the person: modes, sessions, visa eligibility and dates. */
function checkAgainstMeeting(data: Checked, detail: MeetingDetail, category: string, now: Date, visaOpen: boolean) {
  const problems: FieldError[] = [];
  if (!allowedModes(detail.meeting.mode).includes(data.mode)) problems.push({ field: 'mode', message: 'error.modeNotOffered' });
  const labels = new Set(detail.sessions.map((s) => s.subgroup));
  data.sessions.forEach((s, i) => {
    if (!labels.has(s)) problems.push({ field: `sessions.${i}`, message: 'error.unknownSession' });
  });
  if (data.visaRequest) {
    if (data.mode !== 'in-person') problems.push({ field: 'visaRequest', message: 'error.visaInPersonOnly' });
    else if (!isVisaEligibleCategory(category)) throw visaNotEligible();
    else if (!visaOpen) throw visaClosed();
    const today = dateInZone(now, detail.meeting.timeZone);
    for (const p of checkVisaDates(data.visaRequest, { firstDay: detail.firstDay, lastDay: detail.lastDay }, today)) {
      problems.push({ field: `visaRequest.${p.field}`, message: p.message });
    }
  }
  if (problems.length) throw new ValidationError(problems);
}

type AccountRow = typeof accounts.$inferSelect;


async function accountOf(db: AppContext['db'] | Tx, accountId: number): Promise<AccountRow> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Serialises place-taking: while a meeting limits in-person places, every change that takes or frees
 * one holds the meeting row's lock until it commits (pretix does the same with advisory locks).
 * Meetings without a limit need no lock, so registrations run in parallel.
 */
async function lockPlaces(tx: Tx, meetingId: number): Promise<{ capacity: number | null }> {
  const [row] = await tx
    .select({ capacity: meetings.inPersonCapacity })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
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

/** Gives freed in-person places to the waiting list, oldest first, and tells each person. */
async function promoteWaitlist(ctx: AppContext, tx: Tx, detail: MeetingDetail, capacity: number | null): Promise<void> {
  let free = capacity === null ? Number.POSITIVE_INFINITY : capacity - (await inPersonTaken(tx, detail.meeting.id));
  while (free > 0) {
    const [next] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.meetingId, detail.meeting.id), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.waitlistedAt), asc(registrations.id))
      .limit(1);
    if (!next) return;
    const [promoted] = await tx
      .update(registrations)
      .set({ status: 'registered', waitlistedAt: null, updatedAt: ctx.clock.now() })
      .where(eq(registrations.id, next.id))
      .returning();
    await mailRegistration(ctx, tx, detail, promoted!, 'promoted');
    free -= 1;
  }
}

type MailPerson = Pick<AccountRow, 'email' | 'givenName' | 'preferredLanguage'>;
type MailEvent = 'confirmed' | 'promoted' | 'cancelled';

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
function registrationMail(ctx: AppContext, detail: MeetingDetail, reg: Pick<RegistrationRow, 'id' | 'number' | 'mode' | 'sessions' | 'status'>, event: MailEvent, person: MailPerson): OutgoingMail {
  const locale: Locale = isLocale(person.preferredLanguage) ? person.preferredLanguage : 'en';
  const t = translator(locale);
  const params = {
    name: person.givenName,
    number: reg.number,
    meeting: pick(detail.meeting.title, locale),
    dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
    mode: t(`registration.mode.${reg.mode as 'remote'}`),
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
    subject: t(`mail.registration.subject.${event}`, params),
    text: body,
    attachments:
      event === 'cancelled'
        ? []
        : [{ filename: `meeting-${detail.meeting.id}.ics`, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: icsAttachment(ctx, detail, locale) }],
  };
}

async function mailRegistration(ctx: AppContext, tx: Tx, detail: MeetingDetail, reg: RegistrationRow, event: MailEvent, knownPerson?: AccountRow) {
  await queueMail(tx, registrationMail(ctx, detail, reg, event, knownPerson ?? (await accountOf(tx, reg.accountId))));
}

/** Mails this module queues unrendered: the confirmation of the one-statement path. */
export function defineRegistrationMailTemplates(): void {
  defineMailTemplate('registration-confirmed', async (ctx, params) => {
    const [row] = await ctx.db.select().from(registrations).where(eq(registrations.id, Number(params.registrationId)));
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
const REGISTER_ACTOR = ONE_STATEMENT_REGISTRATION('SELECT $1::int AS id, $2::text AS email, NULL::int AS token_id, NULL::timestamptz AS last_used_at');

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
 * The common case — a person registering themselves, without visa request, idempotency key or earlier
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
  data: z.output<typeof registrationSchema>,
  now: Date,
): Promise<RegistrationView | undefined> {
  const sessions = [...new Set(data.sessions)];
  const meetingId = detail.meeting.id;
  const byToken = 'tokenHash' in registrant;
  const rows = await queryPrepared<OneStatementRow>(ctx.db, byToken ? 'register-by-token' : 'register-actor', byToken ? REGISTER_BY_TOKEN : REGISTER_ACTOR, [
    byToken ? registrant.tokenHash : registrant.actor.id,
    byToken ? null : registrant.actor.email,
    meetingId,
    `R${meetingId}-`,
    data.mode,
    JSON.stringify(sessions),
    now.toISOString(),
  ]);
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
    visa: null,
  };
}

/** Whether a request can take the one-statement path: returns its checked input, or undefined. */
async function fastPathInput(ctx: AppContext, meetingId: number, input: RegistrationInput, options: RegisterOptions) {
  if (options.onBehalfOf || options.idempotencyKey) return undefined;
  const detail = await recentMeeting(ctx, meetingId);
  const now = ctx.clock.now();
  // Closed for everyone but the secretariat: the general path knows who is asking.
  if (!registrationWindow(detail, null, now).open) return undefined;
  const data = parseInput(registrationSchema, input);
  if (data.visaRequest || (data.mode === 'in-person' && detail.meeting.inPersonCapacity !== null)) return undefined;
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

export interface RegisterOptions {
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
    if (!isSecretariat(actor)) throw new DomainError('forbidden', 403, 'error.forbidden');
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
  const requestHash = sha256(JSON.stringify({ meetingId, input, onBehalfOf: options.onBehalfOf ?? null }));
  try {
    return await ctx.db.transaction(async (tx) => {
      if (options.idempotencyKey) {
        const replay = await claimIdempotencyKey(tx, actor.id, options.idempotencyKey, requestHash);
        if (replay !== undefined) {
          const [row] = await tx.select().from(registrations).where(eq(registrations.id, replay));
          if (!row) throw new NotFoundError();
          return { registration: await toView(tx, row), replayed: true };
        }
      }
      if (previous && previous.status !== 'cancelled') throw duplicate();
      const now = ctx.clock.now();
      const window = registrationWindow(detail, actor, now);
      if (!window.open) throw new RegistrationClosedError();
      const data = parseInput(registrationSchema, input);
      checkAgainstMeeting(data, detail, person.category, now, window.visaOpen || isSecretariat(actor));

      const limited = data.mode === 'in-person' && detail.meeting.inPersonCapacity !== null;
      const capacity = limited ? (await lockPlaces(tx, meetingId)).capacity : null;
      const status = placeFor(data.mode, capacity, limited ? await inPersonTaken(tx, meetingId) : 0);
      const values = {
        mode: data.mode,
        sessions: [...new Set(data.sessions)],
        status,
        consentAt: now,
        waitlistedAt: status === 'waitlisted' ? now : null,
        cancelledAt: null,
        registeredBy: personId === actor.id ? null : actor.id,
        updatedAt: now,
      };
      const [row] = previous
        ? await tx.update(registrations).set(values).where(and(eq(registrations.id, previous.id), eq(registrations.status, 'cancelled'))).returning()
        : await tx
            .insert(registrations)
            .values({ ...values, id: nextId, meetingId, accountId: personId, number: `R${meetingId}-${String(nextId).padStart(4, '0')}` })
            .returning();
      if (!row) throw duplicate(); // re-activated concurrently
      if (previous) await tx.delete(visaRequests).where(eq(visaRequests.registrationId, previous.id));
      if (data.visaRequest) {
        await tx.insert(visaRequests).values({
          registrationId: row.id,
          nationality: data.visaRequest.nationality,
          passport: ctx.keyring.seal(JSON.stringify(passportOf(data.visaRequest))),
          representationCity: data.visaRequest.representation.city,
          representationCountry: data.visaRequest.representation.country,
          arrivalDate: data.visaRequest.arrivalDate,
          departureDate: data.visaRequest.departureDate,
        });
      }
      if (options.idempotencyKey) {
        await tx
          .update(idempotencyKeys)
          .set({ status: 201, body: { registrationId: row.id } })
          .where(and(eq(idempotencyKeys.accountId, actor.id), eq(idempotencyKeys.key, options.idempotencyKey)));
      }
      await mailRegistration(ctx, tx, detail, row, 'confirmed', person);
      const visa = data.visaRequest ? await tx.select().from(visaRequests).where(eq(visaRequests.registrationId, row.id)) : [];
      return { registration: await toView(tx, row, visa), replayed: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

/**
 * Records the key in the caller's transaction. A concurrent request with the same key waits on the
 * primary key until the first commits, then finds its answer; a different body under the same key
 * is refused.
 */
async function claimIdempotencyKey(tx: Tx, accountId: number, key: string, requestHash: string): Promise<number | undefined> {
  if (key.length > 200) throw new ValidationError([{ field: 'Idempotency-Key', message: 'error.tooLong' }]);
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ accountId, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return undefined;
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
  if (!row || row.requestHash !== requestHash) {
    throw new DomainError('idempotency-key-reused', 422, 'error.idempotencyKeyReused');
  }
  const id = (row.body as { registrationId?: number } | null)?.registrationId;
  if (id === undefined) throw new ConflictError('idempotency-in-progress', 'error.tryAgain');
  return id;
}

/** The registration if the actor owns it or is the secretariat; otherwise "not found". */
async function ownedRegistration(ctx: AppContext, actor: Actor | null, id: number): Promise<RegistrationRow> {
  if (!actor) throw new UnauthenticatedError();
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db.select().from(registrations).where(eq(registrations.id, id));
  if (!row || (row.accountId !== actor.id && !isSecretariat(actor))) throw new NotFoundError();
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
  return Promise.all(rows.map((r) => toView(ctx.db, r)));
}

/** A visa request still standing: a new one waits until the secretariat has decided (or it was withdrawn). */
export const visaRequestStanding = (status: string) => ['requested', 'approved', 'letter-sent'].includes(status);

/**
 * Asks for visa support on an existing in-person registration (after a reminder, say), under the same
 * rules as when registering: eligible category, before the visa deadline (the secretariat at any time),
 * coherent passport and travel dates. A rejected or withdrawn request may be replaced; a standing one not.
 */
export async function requestVisaSupport(ctx: AppContext, actor: Actor | null, id: number, visaRequest: unknown): Promise<RegistrationView> {
  const current = await ownedRegistration(ctx, actor, id);
  if (current.status === 'cancelled') throw new ConflictError('registration-cancelled', 'error.registrationCancelled');
  const [detail, person] = await Promise.all([getMeeting(ctx, current.meetingId), accountOf(ctx.db, current.accountId)]);
  const now = ctx.clock.now();
  const data = parseInput(registrationSchema, { mode: current.mode, sessions: current.sessions, consent: true, visaRequest: visaRequest ?? {} });
  checkAgainstMeeting(data, detail, person.category, now, registrationWindow(detail, actor, now).visaOpen || isSecretariat(actor));
  const request = data.visaRequest!;
  const view = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
    if (!row || row.status === 'cancelled') throw new ConflictError('registration-cancelled', 'error.registrationCancelled');
    // Switched to remote meanwhile: no visa for a remote participant.
    if (row.mode !== 'in-person') throw new ValidationError([{ field: 'visaRequest', message: 'error.visaInPersonOnly' }]);
    const [existing] = await tx.select().from(visaRequests).where(eq(visaRequests.registrationId, id));
    if (existing && visaRequestStanding(existing.status)) throw new ConflictError('visa-already-requested', 'error.visaAlreadyRequested');
    if (existing) await tx.delete(visaRequests).where(eq(visaRequests.id, existing.id));
    await tx.insert(visaRequests).values({
      registrationId: id,
      nationality: request.nationality,
      passport: ctx.keyring.seal(JSON.stringify(passportOf(request))),
      representationCity: request.representation.city,
      representationCountry: request.representation.country,
      arrivalDate: request.arrivalDate,
      departureDate: request.departureDate,
    });
    return toView(tx, row);
  });
  await audit(ctx, actor, 'visa.request', `registration:${id}`);
  return view;
}

export const registrationChangeSchema = z.object({
  mode: oneOf(participationModes).optional(),
  sessions: z.array(z.string().trim().toUpperCase()).min(1, { message: 'error.sessionsChoose' }).max(50).optional(),
});

/** Changes mode or sessions until the deadline (the secretariat at any time). */
export async function changeRegistration(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
  input: z.input<typeof registrationChangeSchema>,
): Promise<RegistrationView> {
  const current = await ownedRegistration(ctx, actor, id);
  const detail = await getMeeting(ctx, current.meetingId);
  if (!registrationWindow(detail, actor, ctx.clock.now()).open) throw new RegistrationClosedError();
  if (current.status === 'cancelled') throw new ConflictError('registration-cancelled', 'error.registrationCancelled');
  const change = parseInput(registrationChangeSchema, input);
  const mode = change.mode ?? (current.mode as 'remote');
  const sessions = change.sessions ?? current.sessions;
  const problems: FieldError[] = [];
  if (!allowedModes(detail.meeting.mode).includes(mode)) problems.push({ field: 'mode', message: 'error.modeNotOffered' });
  const labels = new Set(detail.sessions.map((s) => s.subgroup));
  sessions.forEach((s, i) => {
    if (!labels.has(s)) problems.push({ field: `sessions.${i}`, message: 'error.unknownSession' });
  });
  if (problems.length) throw new ValidationError(problems);
  return ctx.db.transaction(async (tx) => {
    const lock = await lockPlaces(tx, current.meetingId);
    const [fresh] = await tx.select().from(registrations).where(eq(registrations.id, id));
    let status = fresh!.status;
    let waitlistedAt = fresh!.waitlistedAt;
    if (mode !== fresh!.mode) {
      status = placeFor(mode, lock.capacity, await inPersonTaken(tx, current.meetingId, id));
      waitlistedAt = status === 'waitlisted' ? (fresh!.waitlistedAt ?? ctx.clock.now()) : null;
      if (mode !== 'in-person') {
        await tx.update(visaRequests).set({ status: 'withdrawn', updatedAt: ctx.clock.now() }).where(eq(visaRequests.registrationId, id));
      }
    }
    const [row] = await tx
      .update(registrations)
      .set({ mode, sessions: [...new Set(sessions)], status, waitlistedAt, updatedAt: ctx.clock.now() })
      .where(eq(registrations.id, id))
      .returning();
    await promoteWaitlist(ctx, tx, detail, lock.capacity);
    return toView(tx, row!);
  });
}

/** Cancels until the deadline (the secretariat at any time); a freed place goes to the waiting list. */
export async function cancelRegistration(ctx: AppContext, actor: Actor | null, id: number): Promise<RegistrationView> {
  const current = await ownedRegistration(ctx, actor, id);
  const detail = await getMeeting(ctx, current.meetingId);
  if (!registrationWindow(detail, actor, ctx.clock.now()).open) throw new RegistrationClosedError();
  if (current.status === 'cancelled') return toView(ctx.db, current);
  return ctx.db.transaction(async (tx) => {
    const lock = await lockPlaces(tx, current.meetingId);
    const [row] = await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: ctx.clock.now(), waitlistedAt: null, updatedAt: ctx.clock.now() })
      .where(eq(registrations.id, id))
      .returning();
    await tx.update(visaRequests).set({ status: 'withdrawn', updatedAt: ctx.clock.now() }).where(eq(visaRequests.registrationId, id));
    await mailRegistration(ctx, tx, detail, row!, 'cancelled');
    await promoteWaitlist(ctx, tx, detail, lock.capacity);
    if (actor && actor.id !== current.accountId) await audit(ctx, actor, 'registration.cancel', `registration:${id}`);
    return toView(tx, row!);
  });
}

/** Cancels every active registration of an account (deletion), handing freed places to the waiting list. */
export async function releaseRegistrations(ctx: AppContext, accountId: number): Promise<void> {
  const active = await ctx.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.accountId, accountId), sql`${registrations.status} <> 'cancelled'`));
  for (const reg of active) {
    const detail = await getMeeting(ctx, reg.meetingId);
    await ctx.db.transaction(async (tx) => {
      const lock = await lockPlaces(tx, reg.meetingId);
      await tx.update(registrations).set({ status: 'cancelled', cancelledAt: ctx.clock.now(), waitlistedAt: null }).where(eq(registrations.id, reg.id));
      await promoteWaitlist(ctx, tx, detail, lock.capacity);
    });
  }
}
