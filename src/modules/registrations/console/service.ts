import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../../platform/errors.ts';
import { toCsv } from '../../../platform/export/csv.ts';
import type { Column } from '../../../platform/export/table.ts';
import { toXlsx } from '../../../platform/export/xlsx.ts';
import { countryName } from '../../../platform/i18n/dates.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { authorize, may } from '../../../platform/policy.ts';
import { isOneOf } from '../../../platform/vocabulary.ts';
import { audit } from '../../accounts/audit.ts';
import { people } from '../../accounts/queries.ts';
import { type MembershipCategory, membershipCategoryLabel, type PersonalTitle, personalTitleLabel } from '../../accounts/vocabulary.ts';
import { participantListVisibilityOf } from '../../meetings/queries.ts';
import { partsOfRegistrations, piecesOf } from '../parts.ts';
import { manageRegistrations, seeParticipants } from '../policies.ts';
import { registrations } from '../schema.ts';
import {
  type ParticipationMode,
  participationModeLabel,
  type RegistrationStatus,
  registrationStatusLabel,
  standingStatuses,
} from '../vocabulary.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ConsoleFilters {
  q?: string;
  mode?: ParticipationMode;
  status?: RegistrationStatus;
  country?: string;
  category?: MembershipCategory;
}

export interface ConsoleRegistration {
  id: number;
  number: string;
  status: RegistrationStatus;
  mode: ParticipationMode;
  sessions: string[];
  title: PersonalTitle;
  givenName: string;
  familyName: string;
  organization: string;
  country: string;
  category: MembershipCategory;
  email: string;
  createdAt: Date;
  /** The parts' columns (the visa request's status), by column field; null where the registration has no such part. */
  partColumns: Record<string, string | null>;
}

interface Tally<K extends string = string> {
  key: K;
  count: number;
}

export interface RegistrationCounts {
  /** Registrations that still stand: neither cancelled nor declined. */
  active: number;
  byStatus: Tally<RegistrationStatus>[];
  byMode: Tally<ParticipationMode>[];
  byCountry: Tally[];
  byCategory: Tally<MembershipCategory>[];
}

export interface Participant {
  title: PersonalTitle;
  givenName: string;
  familyName: string;
  organization: string;
  country: string;
}

async function findMeeting(ctx: AppContext, meetingId: number) {
  if (!Number.isSafeInteger(meetingId) || meetingId <= 0) throw new NotFoundError();
  const row = await participantListVisibilityOf(ctx, meetingId);
  if (!row) throw new NotFoundError();
  return row;
}

/** ILIKE pattern matching `q` anywhere, with its own %, _ and \ taken literally. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

type People = ReturnType<typeof people>;
const byFamilyName = (p: People) => [sql`lower(${p.familyName})`, sql`lower(${p.givenName})`, asc(registrations.id)];

/** A meeting's registrations with the people behind them; the passport block is never read. */
export async function listRegistrationsForConsole(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  filters: ConsoleFilters = {},
): Promise<ConsoleRegistration[]> {
  const p = people(ctx.db);
  authorize(actor, manageRegistrations, undefined);
  await findMeeting(ctx, meetingId);
  const q = filters.q?.trim();
  const pattern = q ? containing(q) : '';
  const rows = await ctx.db
    .select({
      id: registrations.id,
      number: registrations.number,
      status: registrations.status,
      mode: registrations.mode,
      sessions: registrations.sessions,
      title: p.title,
      givenName: p.givenName,
      familyName: p.familyName,
      organization: p.organization,
      country: p.country,
      category: p.category,
      email: p.email,
      createdAt: registrations.createdAt,
    })
    .from(registrations)
    .innerJoin(p, eq(p.id, registrations.accountId))
    .where(
      and(
        eq(registrations.meetingId, meetingId),
        filters.mode ? eq(registrations.mode, filters.mode) : undefined,
        filters.status ? eq(registrations.status, filters.status) : undefined,
        filters.country ? eq(p.country, filters.country) : undefined,
        filters.category ? eq(p.category, filters.category) : undefined,
        q
          ? or(
              ilike(sql`${p.givenName} || ' ' || ${p.familyName}`, pattern),
              ilike(sql`${p.familyName} || ' ' || ${p.givenName}`, pattern),
              ilike(p.email, pattern),
              ilike(p.organization, pattern),
              ilike(registrations.number, pattern),
            )
          : undefined,
      ),
    )
    .orderBy(...byFamilyName(p));
  const columns = partColumns();
  const pieces = await piecesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    partColumns: Object.fromEntries(
      columns.map(({ part, column }) => {
        const piece = pieces.get(part.pieceField)?.get(r.id);
        return [column.field, piece === undefined ? null : column.value(piece)];
      }),
    ),
  }));
}

/** The parts that add a column to the list, with it. */
export const partColumns = () => partsOfRegistrations().flatMap((part) => (part.column ? [{ part, column: part.column }] : []));

function tally<K extends string>(counts: Map<K, number>): Tally<K>[] {
  return [...counts].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Counts by status (all), and by mode, country and category (of the registrations that still stand). */
export async function registrationCounts(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<RegistrationCounts> {
  const p = people(ctx.db);
  authorize(actor, manageRegistrations, undefined);
  await findMeeting(ctx, meetingId);
  const groups = await ctx.db
    .select({ status: registrations.status, mode: registrations.mode, country: p.country, category: p.category, n: count() })
    .from(registrations)
    .innerJoin(p, eq(p.id, registrations.accountId))
    .where(eq(registrations.meetingId, meetingId))
    .groupBy(registrations.status, registrations.mode, p.country, p.category);
  const maps = {
    status: new Map<RegistrationStatus, number>(),
    mode: new Map<ParticipationMode, number>(),
    country: new Map<string, number>(),
    category: new Map<MembershipCategory, number>(),
  };
  const add = <K extends string>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  let active = 0;
  for (const g of groups) {
    add(maps.status, g.status, g.n);
    if (!isOneOf(standingStatuses, g.status)) continue;
    active += g.n;
    add(maps.mode, g.mode, g.n);
    add(maps.country, g.country, g.n);
    add(maps.category, g.category, g.n);
  }
  return {
    active,
    byStatus: tally(maps.status),
    byMode: tally(maps.mode),
    byCountry: tally(maps.country),
    byCategory: tally(maps.category),
  };
}

function exportColumns(locale: Locale): Column<ConsoleRegistration>[] {
  const t = translator(locale);
  const h = translator(locale);
  return [
    { header: h('regConsole.col.number'), value: (r) => r.number },
    { header: h('regConsole.col.status'), value: (r) => t(registrationStatusLabel[r.status]) },
    { header: h('regConsole.col.mode'), value: (r) => t(participationModeLabel[r.mode]) },
    { header: h('regConsole.col.sessions'), value: (r) => r.sessions.join(', ') },
    { header: h('regConsole.col.title'), value: (r) => (r.title ? t(personalTitleLabel[r.title]) : '') },
    { header: h('regConsole.col.givenName'), value: (r) => r.givenName },
    { header: h('regConsole.col.familyName'), value: (r) => r.familyName },
    { header: h('regConsole.col.organization'), value: (r) => r.organization },
    { header: h('regConsole.col.country'), value: (r) => countryName(r.country, locale) },
    { header: h('regConsole.col.category'), value: (r) => t(membershipCategoryLabel[r.category]) },
    { header: h('regConsole.col.email'), value: (r) => r.email },
    { header: h('regConsole.col.registeredOn'), value: (r) => r.createdAt, format: 'date' },
    ...partColumns().map(({ column }): Column<ConsoleRegistration> => {
      const value = (r: ConsoleRegistration) => r.partColumns[column.field] ?? null;
      return { header: h(column.header), value: (r) => (value(r) === null ? '' : column.label(value(r)!, t)) };
    }),
  ];
}

/** The filtered registrations as a CSV or XLSX file; every export is recorded in the audit log. */
export async function exportRegistrations(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  filters: ConsoleFilters,
  format: ExportFormat,
  locale: Locale,
): Promise<string | Uint8Array> {
  const rows = await listRegistrationsForConsole(ctx, actor, meetingId, filters);
  const columns = exportColumns(locale);
  const body = format === 'csv' ? toCsv(rows, columns) : toXlsx(rows, columns, { sheetName: translator(locale)('regConsole.sheetName') });
  await audit(ctx, actor, 'registrations.export', `meeting:${meetingId}`, { format, count: rows.length });
  return body;
}

async function maySeeParticipants(ctx: AppContext, actor: Actor | null, meeting: { id: number; visibility: string }): Promise<boolean> {
  const decide = (registered: boolean) => may(actor, seeParticipants, { visibility: meeting.visibility, registered });
  if (decide(false)) return true;
  if (!actor || !decide(true)) return false;
  const [mine] = await ctx.db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, meeting.id),
        eq(registrations.accountId, actor.id),
        // Registered means a place or a queue's: not while waiting for approval.
        inArray(registrations.status, ['registered', 'waitlisted']),
      ),
    );
  return Boolean(mine);
}

/**
 * The people registered (not waiting, not cancelled) for a meeting, as far as the meeting's
 * participant_list_visibility lets this reader see them. No e-mail addresses.
 */
export async function participantList(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<Participant[]> {
  const p = people(ctx.db);
  const meeting = await findMeeting(ctx, meetingId);
  if (!(await maySeeParticipants(ctx, actor, meeting))) throw actor ? new ForbiddenError() : new UnauthenticatedError();
  return ctx.db
    .select({
      title: p.title,
      givenName: p.givenName,
      familyName: p.familyName,
      organization: p.organization,
      country: p.country,
    })
    .from(registrations)
    .innerJoin(p, eq(p.id, registrations.accountId))
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'registered')))
    .orderBy(...byFamilyName(p));
}
