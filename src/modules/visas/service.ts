import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { ConflictError, DomainError, NotFoundError, UnauthenticatedError } from '../../platform/errors.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { authorize, may } from '../../platform/policy.ts';
import { addDays, dateInZone } from '../../platform/time.ts';
import { parseInput, requiredText } from '../../platform/validation.ts';
import { isOneOf } from '../../platform/vocabulary.ts';
import { audit } from '../accounts/audit.ts';
import { people } from '../accounts/queries.ts';
import { meetingTitles } from '../meetings/queries.ts';
import { getMeeting } from '../meetings/service.ts';
import { registrationPaths } from '../registrations/paths.ts';
import { registrationRefs } from '../registrations/queries.ts';
import type { PassportBlock } from './input.ts';
import { letterContent } from './letter.ts';
import { manageVisas, readVisaLetter } from './policies.ts';
import { letterValid } from './rules.ts';
import { visaRequests } from './schema.ts';
import { type VisaStatus, visaStatuses } from './vocabulary.ts';

interface VisaQueueFilters {
  meetingId?: number;
  status?: string;
  nationality?: string;
}

type RegistrationRefs = ReturnType<typeof registrationRefs>;

/** The queue's filters as a condition; `status: false` leaves the status out (the counts per state). */
function queueWhere(registrations: RegistrationRefs, filters: VisaQueueFilters, options: { status: boolean } = { status: true }) {
  return and(
    // A request hanging on a registration that waits for a focal point reaches the secretariat once approved.
    eq(registrations.awaitingApproval, false),
    filters.meetingId ? eq(registrations.meetingId, filters.meetingId) : undefined,
    // An unknown status matches nothing, as it always has.
    options.status && filters.status
      ? isOneOf(visaStatuses, filters.status)
        ? eq(visaRequests.status, filters.status)
        : sql`false`
      : undefined,
    filters.nationality ? eq(visaRequests.nationality, filters.nationality.toUpperCase()) : undefined,
  );
}

/** How many requests are in each state, under the queue's filters but its status: one query, every state listed. */
export async function visaRequestCounts(
  ctx: AppContext,
  actor: Actor | null,
  filters: VisaQueueFilters = {},
): Promise<{ status: VisaStatus; count: number }[]> {
  authorize(actor, manageVisas, undefined);
  const registrations = registrationRefs(ctx.db);
  const rows = await ctx.db
    .select({ status: visaRequests.status, n: count() })
    .from(visaRequests)
    .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
    .where(queueWhere(registrations, filters, { status: false }))
    .groupBy(visaRequests.status);
  const byStatus = new Map(rows.map((r) => [r.status, r.n]));
  return visaStatuses.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

/** The secretariat's queue; never includes passport details. */
export async function listVisaRequests(ctx: AppContext, actor: Actor | null, filters: VisaQueueFilters = {}) {
  authorize(actor, manageVisas, undefined);
  const registrations = registrationRefs(ctx.db);
  const accounts = people(ctx.db);
  const rows = await ctx.db
    .select({
      id: visaRequests.id,
      status: visaRequests.status,
      nationality: visaRequests.nationality,
      representationCity: visaRequests.representationCity,
      representationCountry: visaRequests.representationCountry,
      createdAt: visaRequests.createdAt,
      registrationId: registrations.id,
      registrationNumber: registrations.number,
      meetingId: registrations.meetingId,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
      organization: accounts.organization,
      category: accounts.category,
    })
    .from(visaRequests)
    .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
    .innerJoin(accounts, eq(accounts.id, registrations.accountId))
    .where(queueWhere(registrations, filters))
    .orderBy(desc(visaRequests.createdAt), desc(visaRequests.id));
  const titles = await meetingTitles(
    ctx,
    rows.map((r) => r.meetingId),
  );
  return rows.map((r) => ({ ...r, meetingTitle: titles.get(r.meetingId) ?? {} }));
}

async function loadRequest(ctx: AppContext, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const registrations = registrationRefs(ctx.db);
  const accounts = people(ctx.db);
  const [row] = await ctx.db
    .select({
      visa: visaRequests,
      registration: {
        id: registrations.id,
        number: registrations.number,
        meetingId: registrations.meetingId,
        accountId: registrations.accountId,
      },
      account: {
        email: accounts.email,
        givenName: accounts.givenName,
        familyName: accounts.familyName,
        organization: accounts.organization,
        category: accounts.category,
        preferredLanguage: accounts.preferredLanguage,
      },
    })
    .from(visaRequests)
    .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
    .innerJoin(accounts, eq(accounts.id, registrations.accountId))
    .where(eq(visaRequests.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

function openPassport(ctx: AppContext, sealed: string | null): PassportBlock | null {
  return sealed ? (JSON.parse(ctx.keyring.open(sealed).toString('utf8')) as PassportBlock) : null;
}

/** One request with its decrypted passport block, for the secretariat only; every view is audited. */
export async function reviewVisaRequest(ctx: AppContext, actor: Actor | null, id: number) {
  authorize(actor, manageVisas, undefined);
  const row = await loadRequest(ctx, id);
  await audit(ctx, actor, 'visa.view', `visa-request:${id}`, { registration: row.registration.number });
  return { ...row, passport: openPassport(ctx, row.visa.passport) };
}

/** What approving a request will do, for the confirmation page: to whom the letter goes (no passport opened). */
export async function approvalPreview(ctx: AppContext, actor: Actor | null, id: number) {
  authorize(actor, manageVisas, undefined);
  const row = await loadRequest(ctx, id);
  if (row.visa.status !== 'requested') throw new ConflictError('visa-decided', 'error.visaDecided');
  return { registration: row.registration.number, name: `${row.account.givenName} ${row.account.familyName}`, email: row.account.email };
}

const reasonSchema = z.object({ reason: requiredText(2000, { lines: true }) });

const mailLocale = (preferred: string | null): Locale => (isLocale(preferred) ? preferred : 'en');

/**
 * Approves a request: renders the letter (PDF, fonts embedded), keeps it encrypted, and mails it to the
 * participant — the attachment is sealed in the outbox too, so no table holds it in clear.
 */
export async function approveVisaRequest(ctx: AppContext, actor: Actor | null, id: number): Promise<void> {
  authorize(actor, manageVisas, undefined);
  const row = await loadRequest(ctx, id);
  if (row.visa.status !== 'requested') throw new ConflictError('visa-decided', 'error.visaDecided');
  const passport = openPassport(ctx, row.visa.passport);
  if (!passport) throw new ConflictError('visa-purged', 'error.visaPurged');
  const detail = await getMeeting(ctx, row.registration.meetingId);
  const issuedOn = dateInZone(ctx.clock.now(), detail.meeting.timeZone);
  const reference = `VISA/${detail.group.code}/${issuedOn.slice(0, 4)}/${String(id).padStart(4, '0')}`;
  // The PDF engine is loaded on the first letter, not at start-up (memory of an idle server).
  const { renderLetter } = await import('../../platform/pdf/letter.ts');
  const pdf = await renderLetter(
    letterContent({
      config: ctx.config,
      detail,
      passport,
      nationality: row.visa.nationality,
      representation: { city: row.visa.representationCity, country: row.visa.representationCountry },
      arrival: row.visa.arrivalDate,
      departure: row.visa.departureDate,
      registrationNumber: row.registration.number,
      reference,
      issuedOn,
    }),
  ).catch((error: Error) => {
    // Missing fonts are a set-up problem the secretariat can report; the log says which font.
    ctx.log.error({ err: error }, 'visa letter could not be rendered');
    throw new DomainError('letter-unavailable', 503, 'error.letterUnavailable');
  });
  const sealedPdf = ctx.keyring.seal(pdf);
  const locale = mailLocale(row.account.preferredLanguage);
  const t = translator(locale);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(visaRequests)
      .set({
        status: 'letter-sent',
        letterReference: reference,
        letterIssuedOn: issuedOn,
        letterPdf: sealedPdf,
        decidedAt: ctx.clock.now(),
        decidedBy: actor.id,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(visaRequests.id, id), eq(visaRequests.status, 'requested')))
      .returning({ id: visaRequests.id });
    if (updated.length === 0) throw new ConflictError('visa-decided', 'error.visaDecided');
    await queueMail(tx, {
      kind: 'visa-letter',
      to: row.account.email,
      subject: t('mail.visa.approved.subject', { meeting: pick(detail.meeting.title, locale) }),
      text: t('mail.visa.approved.body', {
        name: row.account.givenName,
        meeting: pick(detail.meeting.title, locale),
        dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
        reference,
        link: `${ctx.config.baseUrl}${registrationPaths.registration({ id: row.registration.id })}`,
      }),
      attachments: [
        { filename: `visa-letter-${row.registration.number}.pdf`, contentType: 'application/pdf', content: sealedPdf, sealed: true },
      ],
    });
  });
  await audit(ctx, actor, 'visa.approve', `visa-request:${id}`, { reference });
}

export async function rejectVisaRequest(ctx: AppContext, actor: Actor | null, id: number, input: { reason?: string }): Promise<void> {
  authorize(actor, manageVisas, undefined);
  const { reason } = parseInput(reasonSchema, input);
  const row = await loadRequest(ctx, id);
  if (row.visa.status !== 'requested') throw new ConflictError('visa-decided', 'error.visaDecided');
  const detail = await getMeeting(ctx, row.registration.meetingId);
  const locale = mailLocale(row.account.preferredLanguage);
  const t = translator(locale);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(visaRequests)
      .set({ status: 'rejected', reason, decidedAt: ctx.clock.now(), decidedBy: actor.id, updatedAt: ctx.clock.now() })
      .where(and(eq(visaRequests.id, id), eq(visaRequests.status, 'requested')))
      .returning({ id: visaRequests.id });
    if (updated.length === 0) throw new ConflictError('visa-decided', 'error.visaDecided');
    await queueMail(tx, {
      kind: 'visa-rejected',
      to: row.account.email,
      subject: t('mail.visa.rejected.subject', { meeting: pick(detail.meeting.title, locale) }),
      text: t('mail.visa.rejected.body', {
        name: row.account.givenName,
        meeting: pick(detail.meeting.title, locale),
        reason,
        link: `${ctx.config.baseUrl}${registrationPaths.registration({ id: row.registration.id })}`,
      }),
    });
  });
  await audit(ctx, actor, 'visa.reject', `visa-request:${id}`);
}

/**
 * The letter PDF for its participant or the secretariat; every download is audited. Once the request is
 * withdrawn (the registration cancelled or switched to remote) the letter is void: its participant gets
 * 410, while the secretariat keeps it for its records until the purge.
 */
export async function visaLetter(ctx: AppContext, actor: Actor | null, registrationId: number): Promise<{ pdf: Buffer; filename: string }> {
  if (!actor) throw new UnauthenticatedError();
  const registrations = registrationRefs(ctx.db);
  const [row] = await ctx.db
    .select({
      visa: visaRequests,
      registration: { id: registrations.id, number: registrations.number, accountId: registrations.accountId },
    })
    .from(visaRequests)
    .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
    .where(eq(registrations.id, registrationId));
  if (!row) throw new NotFoundError();
  authorize(actor, readVisaLetter, { accountId: row.registration.accountId, letterValid: true });
  if (!row.visa.letterPdf) throw new NotFoundError();
  // Withdrawn: the participant is told it is gone (410), the secretariat keeps it.
  if (!may(actor, readVisaLetter, { accountId: row.registration.accountId, letterValid: letterValid(row.visa) })) {
    throw new DomainError('visa-letter-withdrawn', 410, 'error.visaLetterWithdrawn');
  }
  await audit(
    ctx,
    actor,
    'visa.letter.download',
    `visa-request:${row.visa.id}`,
    letterValid(row.visa) ? undefined : { status: row.visa.status },
  );
  return { pdf: ctx.keyring.open(row.visa.letterPdf), filename: `visa-letter-${row.registration.number}.pdf` };
}

/**
 * Deletes passport blocks and letters of meetings that ended more than the retention period ago
 * (in the venue's time zone), and the sealed letter attachments of their sent mails.
 */
export async function purgeExpiredVisaData(ctx: AppContext): Promise<number> {
  const registrations = registrationRefs(ctx.db);
  const candidates = await ctx.db
    .select({ id: visaRequests.id, meetingId: registrations.meetingId })
    .from(visaRequests)
    .innerJoin(registrations, eq(registrations.id, visaRequests.registrationId))
    .where(sql`${visaRequests.purgedAt} IS NULL`);
  const byMeeting = new Map<number, number[]>();
  for (const c of candidates) byMeeting.set(c.meetingId, [...(byMeeting.get(c.meetingId) ?? []), c.id]);
  let purged = 0;
  for (const [meetingId, ids] of byMeeting) {
    const detail = await getMeeting(ctx, meetingId);
    const today = dateInZone(ctx.clock.now(), detail.meeting.timeZone);
    if (!detail.lastDay || addDays(detail.lastDay, ctx.config.passportRetentionDays) >= today) continue;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(visaRequests)
        .set({ passport: null, letterPdf: null, status: 'purged', purgedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
        .where(inArray(visaRequests.id, ids));
    });
    purged += ids.length;
  }
  // Sent visa letters leave the outbox once delivered or failed for good.
  await ctx.db
    .update(outbox)
    .set({ attachments: [] })
    .where(and(eq(outbox.kind, 'visa-letter'), inArray(outbox.status, ['sent', 'failed'])));
  if (purged) await audit(ctx, null, 'visa.purge', 'visa-requests', { count: purged });
  return purged;
}

/** Re-seals every encrypted value under the current data key (after CONVENE_DATA_KEY changed). */
export async function resealPersonalData(ctx: AppContext): Promise<number> {
  let resealed = 0;
  const rows = await ctx.db
    .select({ id: visaRequests.id, passport: visaRequests.passport, letterPdf: visaRequests.letterPdf })
    .from(visaRequests)
    .where(isNotNull(visaRequests.passport));
  for (const r of rows) {
    const passport = r.passport && !ctx.keyring.isCurrent(r.passport) ? ctx.keyring.seal(ctx.keyring.open(r.passport)) : r.passport;
    const letterPdf = r.letterPdf && !ctx.keyring.isCurrent(r.letterPdf) ? ctx.keyring.seal(ctx.keyring.open(r.letterPdf)) : r.letterPdf;
    if (passport !== r.passport || letterPdf !== r.letterPdf) {
      await ctx.db.update(visaRequests).set({ passport, letterPdf }).where(eq(visaRequests.id, r.id));
      resealed += 1;
    }
  }
  const mails = await ctx.db.select({ id: outbox.id, attachments: outbox.attachments }).from(outbox).where(eq(outbox.kind, 'visa-letter'));
  for (const m of mails) {
    if (!m.attachments.some((a) => a.sealed && !ctx.keyring.isCurrent(a.content))) continue;
    const attachments = m.attachments.map((a) =>
      a.sealed && !ctx.keyring.isCurrent(a.content) ? { ...a, content: ctx.keyring.seal(ctx.keyring.open(a.content)) } : a,
    );
    await ctx.db.update(outbox).set({ attachments }).where(eq(outbox.id, m.id));
    resealed += 1;
  }
  await audit(ctx, null, 'data-key.rotate', 'personal-data', { resealed });
  return resealed;
}
