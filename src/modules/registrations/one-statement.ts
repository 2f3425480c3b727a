import { getTableName } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { queryPrepared } from '../../platform/db/index.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { noteTokenUse } from '../accounts/api-tokens.ts';
import { tokenHolderSql } from '../accounts/queries.ts';
import { meetingCapacitySql } from '../meetings/queries.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import { approvalOf } from './approval-facts.ts';
import { type Checked, checkAgainstMeeting, parseRegistration, type RegisterOptions, type RegistrationInput } from './input.ts';
import { registrations } from './schema.ts';
import { registrationWindow } from './state.ts';
import { noPieces, type RegistrationView } from './view.ts';

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
// $4 number prefix, $5 mode, $6 sessions (JSON), $7 now. Names come from the tables' definitions; the
// meeting's limit and the token's holder from the queries of the modules that own those tables.
const r = registrations;
const o = outbox;
const ONE_STATEMENT_REGISTRATION = (who: string) => `
  WITH who AS (${who}),
  seq AS (SELECT nextval(pg_get_serial_sequence('${getTableName(r)}', '${r.id.name}'))::int AS id FROM who),
  ins AS (
    INSERT INTO ${getTableName(r)} (${[r.id, r.meetingId, r.accountId, r.number, r.mode, r.sessions, r.status, r.consentAt, r.createdAt, r.updatedAt].map((c) => c.name).join(', ')})
    SELECT seq.id, $3::int, who.id, $4::text || lpad(seq.id::text, greatest(4, length(seq.id::text)), '0'), $5::text,
           $6::jsonb, 'registered', $7::timestamptz, $7::timestamptz, $7::timestamptz
    FROM seq, who
    -- the limit is read fresh: a capacity set a moment ago sends in-person registrants to the locked path
    WHERE $5::text <> 'in-person' OR ${meetingCapacitySql('$3::int')} IS NULL
    ON CONFLICT (${r.meetingId.name}, ${r.accountId.name}) DO NOTHING
    RETURNING ${r.id.name} AS id, ${r.number.name} AS number),
  mail AS (
    INSERT INTO ${getTableName(o)} (${[o.kind, o.toAddress, o.params, o.nextAttemptAt].map((c) => c.name).join(', ')})
    SELECT 'registration-confirmed', who.email, jsonb_build_object('registrationId', ins.id), 'epoch'::timestamptz
    FROM ins, who)
  SELECT who.id AS account_id, who.token_id, who.last_used_at, ins.id, ins.number FROM who LEFT JOIN ins ON true`;
const REGISTER_BY_TOKEN = ONE_STATEMENT_REGISTRATION(`${tokenHolderSql('$1::text')} AND $2::text IS NULL`);
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
export async function registerInOneStatement(
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
    declineReason: null,
    createdAt: now,
    updatedAt: now,
    parts: noPieces(),
  };
}

/** Whether a request can take the one-statement path: returns its checked input, or undefined. */
export async function fastPathInput(ctx: AppContext, meetingId: number, input: RegistrationInput, options: RegisterOptions) {
  if (options.onBehalfOf || options.idempotencyKey) return undefined;
  const detail = await recentMeeting(ctx, meetingId);
  const now = ctx.clock.now();
  // Closed for everyone but the secretariat: the general path knows who is asking.
  if (!registrationWindow(detail, null, now).open) return undefined;
  const data = parseRegistration(input);
  if (data.parts.size > 0 || (data.mode === 'in-person' && detail.meeting.inPersonCapacity !== null)) return undefined;
  // Who waits for a focal point depends on the person: the general path reads them.
  if (approvalOf(detail) !== 'none') return undefined;
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
