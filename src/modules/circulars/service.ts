import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { DomainError, NotFoundError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { authorize, may } from '../../platform/policy.ts';
import { dateInZone } from '../../platform/time.ts';
import { optionalIsoDate, parseInput } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import { advanceCircularNumber, bureauById, bureauIdOfGroup, lockBureau } from '../groups/queries.ts';
import { getGroup } from '../groups/service.ts';
import { getMeeting, type MeetingDetail } from '../meetings/service.ts';
import type { CircularFacts } from './facts.ts';
import { buildLetter, type FactChange, factChanges, type IssuedVersion } from './letter.ts';
import { manageCirculars } from './policies.ts';
import { circulars } from './schema.ts';
import { addresseeKeys, copyToKeys } from './vocabulary.ts';

export type CircularRow = typeof circulars.$inferSelect;

const issueSchema = z.object({
  initials: z.string().trim().max(40).default(''),
  /** The date printed on the letter; today (in the meeting's zone) when omitted. */
  issuedOn: optionalIsoDate(),
  addressees: z.array(z.enum(addresseeKeys)).default([...addresseeKeys]),
  copyTo: z.array(z.enum(copyToKeys)).default([...copyToKeys]),
});
export type IssueInput = z.input<typeof issueSchema>;

class NoBureauError extends DomainError {
  constructor() {
    super('no-bureau', 409, 'circular.error.noBureau');
  }
}
class NothingChangedError extends DomainError {
  constructor() {
    super('circular-unchanged', 409, 'circular.error.unchanged');
  }
}

/** The meeting as a circular would state it now, from the meeting, its group and the group's bureau. */
async function currentFacts(
  ctx: AppContext,
  detail: MeetingDetail,
  choices: { initials: string; addressees: CircularFacts['addressees']; copyTo: CircularFacts['copyTo'] },
): Promise<CircularFacts> {
  const group = await getGroup(ctx, detail.group.code);
  const bureau = group.bureauId === null ? undefined : await bureauById(ctx.db, group.bureauId);
  if (!bureau) throw new NoBureauError();
  const m = detail.meeting;
  const today = dateInZone(ctx.clock.now(), m.timeZone);
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const slug = encodeURIComponent(group.code.toLowerCase());
  // A venue whose English is the bureau's city or premises is named in every language the bureau's data names it
  // in; the translations typed on the meeting come first.
  const localizedAs = (typed: Record<string, string>, known: Record<string, string>) =>
    typed.en && known.en === typed.en ? { ...known, ...typed } : { ...typed };
  return {
    bureau: {
      code: bureau.code,
      name: bureau.name,
      abbreviation: bureau.abbreviation,
      organization: bureau.organization,
      city: bureau.city,
    },
    initials: choices.initials,
    addressees: choices.addressees,
    copyTo: choices.copyTo,
    contact: { tel: group.contactTel, fax: group.contactFax, email: group.contactEmail },
    group: {
      code: group.code,
      name: group.name,
      mandate: group.mandate,
      parentBody: group.parentBody,
      establishedOn: group.establishedOn,
      establishedBy: group.establishedBy,
      contributionEmail: group.contributionEmail,
    },
    officers: group.officers
      // The officers in office on the day of issue.
      .filter((o) => (!o.untilDate || o.untilDate >= today) && (!o.fromDate || o.fromDate <= today))
      .map((o) => ({ role: o.role, title: o.title, name: o.name, affiliation: o.affiliation, country: o.country })),
    subgroups: group.subgroups.map((s) => ({ kind: s.kind, number: s.number, title: s.title })),
    meeting: {
      id: m.id,
      title: m.title,
      venueName: localizedAs(m.venueName, bureau.premises),
      venueCity: localizedAs(m.venueCity, bureau.city),
      venueCountry: m.venueCountry,
      mode: m.mode,
      languages: m.languages,
      sessions: detail.sessions.map((s) => ({
        kind: s.kind,
        number: s.number,
        title: s.subgroupTitle,
        startDate: s.startDate,
        endDate: s.endDate,
      })),
    },
    deadlines: { ...detail.deadlines },
    contributionClasses: { ...detail.contributionDeadlines },
    links: {
      group: `${base}/groups/${slug}`,
      meeting: `${base}/meetings/${m.id}/register`,
      template: `${base}/meetings/${m.id}/template.docx`,
      subscribe: `${base}/groups/${slug}/list`,
    },
  };
}

export async function listCirculars(ctx: AppContext, meetingId: number): Promise<CircularRow[]> {
  return ctx.db.select().from(circulars).where(eq(circulars.meetingId, meetingId)).orderBy(asc(circulars.version));
}

export async function latestCircular(ctx: AppContext, meetingId: number): Promise<CircularRow | null> {
  const [row] = await ctx.db.select().from(circulars).where(eq(circulars.meetingId, meetingId)).orderBy(desc(circulars.version)).limit(1);
  return row ?? null;
}

/** An issued version, with the one before it (a corrigendum lists what changed). Public: circulars are published letters. */
export async function getIssued(
  ctx: AppContext,
  meetingId: number,
  version?: number,
): Promise<{ row: CircularRow; issued: IssuedVersion }> {
  const all = await listCirculars(ctx, meetingId);
  const row = version === undefined ? all.at(-1) : all.find((c) => c.version === version);
  if (!row) throw new NotFoundError();
  const previous = all.filter((c) => c.version < row.version).at(-1);
  return { row, issued: toIssued(row, previous) };
}

const toIssued = (row: CircularRow, previous?: CircularRow): IssuedVersion => ({
  number: row.number,
  version: row.version,
  issuedOn: row.issuedOn,
  facts: row.facts,
  previous: previous ? { issuedOn: previous.issuedOn, facts: previous.facts } : undefined,
});

export interface CircularStatus {
  detail: MeetingDetail;
  issued: CircularRow[];
  /** What the meeting says now that the latest issued version does not: a corrigendum is due. */
  changes: FactChange[];
  /** The next version as it would read if issued now. */
  draft: IssuedVersion | null;
  bureauMissing: boolean;
}

/** For the secretariat: the versions issued, the draft of the next one and whether a corrigendum is due. */
export async function circularStatus(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<CircularStatus> {
  authorize(actor, manageCirculars, undefined);
  const detail = await getMeeting(ctx, meetingId);
  const issued = await listCirculars(ctx, meetingId);
  const latest = issued.at(-1);
  const choices = latest
    ? { initials: latest.facts.initials, addressees: latest.facts.addressees, copyTo: latest.facts.copyTo }
    : { initials: '', addressees: [...addresseeKeys], copyTo: [...copyToKeys] };
  let facts: CircularFacts;
  try {
    facts = await currentFacts(ctx, detail, choices);
  } catch (error) {
    if (error instanceof NoBureauError) return { detail, issued, changes: [], draft: null, bureauMissing: true };
    throw error;
  }
  const today = dateInZone(ctx.clock.now(), detail.meeting.timeZone);
  const draft: IssuedVersion = {
    number: latest?.number ?? 0,
    version: (latest?.version ?? 0) + 1,
    issuedOn: today,
    facts,
    previous: latest ? { issuedOn: latest.issuedOn, facts: latest.facts } : undefined,
  };
  return { detail, issued, changes: latest ? factChanges(latest.facts, facts) : [], draft, bureauMissing: false };
}

/** What issuing would be, for the confirmation page: the choices checked as issuing checks them. */
export async function issuePreview(ctx: AppContext, actor: Actor | null, meetingId: number, input: IssueInput) {
  authorize(actor, manageCirculars, undefined);
  parseInput(issueSchema, input);
  const detail = await getMeeting(ctx, meetingId);
  const issued = await listCirculars(ctx, meetingId);
  return { title: detail.meeting.title, corrigendum: issued.length };
}

/**
 * Issues the meeting's circular (version 1, taking the bureau's next number) or a corrigendum (the next
 * version, same number). The bureau row is locked so two circulars never take one number. A corrigendum
 * that would change nothing participants act on is refused.
 */
export async function issueCircular(ctx: AppContext, actor: Actor | null, meetingId: number, input: IssueInput): Promise<CircularRow> {
  authorize(actor, manageCirculars, undefined);
  const choices = parseInput(issueSchema, input);
  const detail = await getMeeting(ctx, meetingId);
  const facts = await currentFacts(ctx, detail, { initials: choices.initials, addressees: choices.addressees, copyTo: choices.copyTo });
  const issuedOn = choices.issuedOn ?? dateInZone(ctx.clock.now(), detail.meeting.timeZone);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [latest] = await tx
        .select()
        .from(circulars)
        .where(eq(circulars.meetingId, meetingId))
        .orderBy(desc(circulars.version))
        .limit(1);
      // A corrigendum belongs to its circular's bureau and number, whatever the group's bureau is now.
      const bureauId = latest?.bureauId ?? (await bureauIdOfGroup(tx, detail.group.id));
      if (!bureauId) throw new NoBureauError();
      const bureau = await lockBureau(tx, bureauId);
      if (!bureau) throw new NoBureauError();
      if (latest && factChanges(latest.facts, facts).length === 0 && sameChoices(latest.facts, facts)) throw new NothingChangedError();
      const number = latest?.number ?? bureau.nextCircularNumber;
      if (!latest) {
        await advanceCircularNumber(tx, bureau.id, ctx.clock.now());
      }
      const [row] = await tx
        .insert(circulars)
        .values({
          meetingId,
          bureauId: bureau.id,
          number,
          version: (latest?.version ?? 0) + 1,
          initials: facts.initials,
          issuedOn,
          facts,
          issuedBy: actor!.id,
        })
        .returning();
      return row!;
    });
    await audit(ctx, actor, 'circular.issue', `circular:${row.id}`, { meetingId, number: row.number, version: row.version });
    return row;
  } catch (error) {
    // Issued at the same moment by someone else: theirs stands.
    if (isUniqueViolation(error)) throw new DomainError('circular-conflict', 409, 'circular.error.conflict');
    throw error;
  }
}

const sameChoices = (a: CircularFacts, b: CircularFacts) =>
  a.initials === b.initials && a.addressees.join() === b.addressees.join() && a.copyTo.join() === b.copyTo.join();

/**
 * The PDF of an issued version in one language, in the file store: rendered on first request and kept
 * (issued versions never change), so announcements and downloads never render it twice.
 */
export async function circularPdfFile(ctx: AppContext, circularId: number, locale: Locale): Promise<{ hash: string; filename: string }> {
  const [row] = await ctx.db.select().from(circulars).where(eq(circulars.id, circularId));
  if (!row) throw new NotFoundError();
  return pdfOf(ctx, row, locale);
}

async function pdfOf(ctx: AppContext, row: CircularRow, locale: Locale): Promise<{ hash: string; filename: string }> {
  const filename = circularFilename(row, locale);
  const known = row.pdfFiles[locale];
  if (known && (await ctx.files.has(known))) return { hash: known, filename };
  const [previous] = await ctx.db
    .select()
    .from(circulars)
    .where(and(eq(circulars.meetingId, row.meetingId), sql`${circulars.version} < ${row.version}`))
    .orderBy(desc(circulars.version))
    .limit(1);
  // The PDF engine is loaded on the first circular PDF, not at start-up (memory of an idle server).
  const { renderCircularPdf } = await import('./pdf.ts');
  const stored = await ctx.files.putBuffer(await renderCircularPdf(buildLetter(toIssued(row, previous), locale)));
  await ctx.db
    .update(circulars)
    .set({ pdfFiles: sql`${circulars.pdfFiles} || ${JSON.stringify({ [locale]: stored.hash })}::jsonb` })
    .where(eq(circulars.id, row.id));
  return { hash: stored.hash, filename };
}

function circularFilename(row: Pick<CircularRow, 'number' | 'version'>, locale: Locale): string {
  const corr = row.version > 1 ? `-corr${row.version - 1}` : '';
  return `circular-${row.number}${corr}-${locale}.pdf`;
}

/** The published PDF of the latest (or a given) version, as a stream from the file store. */
export async function issuedPdf(
  ctx: AppContext,
  meetingId: number,
  locale: Locale,
  version?: number,
): Promise<{ stream: NodeJS.ReadableStream; size: number; filename: string }> {
  const { row } = await getIssued(ctx, meetingId, version);
  const { hash, filename } = await pdfOf(ctx, row, locale);
  const [stream, size] = await Promise.all([ctx.files.open(hash), ctx.files.size(hash)]);
  return { stream, size, filename };
}

/** What the meeting page says of the circular: the latest version, and (for the secretariat) whether a corrigendum is due. */
export interface CircularSummary {
  latest: Pick<CircularRow, 'number' | 'version' | 'issuedOn'> | null;
  corrigendumDue: boolean;
  canManage: boolean;
}

export async function circularSummary(ctx: AppContext, actor: Actor | null, detail: MeetingDetail): Promise<CircularSummary> {
  if (!may(actor, manageCirculars, undefined)) {
    // Public: the number and date only, not the captured facts.
    const [latest] = await ctx.db
      .select({ number: circulars.number, version: circulars.version, issuedOn: circulars.issuedOn })
      .from(circulars)
      .where(eq(circulars.meetingId, detail.meeting.id))
      .orderBy(desc(circulars.version))
      .limit(1);
    return { latest: latest ?? null, corrigendumDue: false, canManage: false };
  }
  const latest = await latestCircular(ctx, detail.meeting.id);
  if (!latest) return { latest, corrigendumDue: false, canManage: true };
  const { initials, addressees, copyTo } = latest.facts;
  const now = await currentFacts(ctx, detail, { initials, addressees, copyTo }).catch((error) => {
    if (error instanceof NoBureauError) return null;
    throw error;
  });
  return { latest, corrigendumDue: now !== null && factChanges(latest.facts, now).length > 0, canManage: true };
}
