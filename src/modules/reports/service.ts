import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { translator } from '../../platform/i18n/index.ts';
import { authorize, authorizeRead, may } from '../../platform/policy.ts';
import { dateInZone } from '../../platform/time.ts';
import { optionalText, parseInput } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/profile.ts';
import { decisionsOfMeeting } from '../decisions/service.ts';
import { listMeetingDocuments } from '../documents/listing.ts';
import { readDocuments } from '../documents/policies.ts';
import { getGroup } from '../groups/service.ts';
import { getMeeting, listGroupMeetings, type MeetingDetail } from '../meetings/service.ts';
import { attendanceFigures } from '../registrations/queries.ts';
import { composeReport, type Report, reportLocale } from './compose.ts';
import type { ReportFacts, ReportTexts } from './facts.ts';
import { draftReports } from './policies.ts';
import { countBy } from './rules.ts';
import { meetingReports, reportDrafts } from './schema.ts';
import { reportTextFields } from './vocabulary.ts';

type ReportRow = typeof meetingReports.$inferSelect;
/** An issued version as lists show it: without its facts. */
export type ReportVersion = Pick<ReportRow, 'id' | 'version' | 'issuedOn'>;

/** The longest text of a report's section, per language. */
const MAX_TEXT = 20_000;

const emptyTexts = (): ReportTexts => ({ opening: {}, summary: {}, aob: {} });

/** The meeting's facts as its report states them now, read as the secretariat reads them. */
async function currentFacts(ctx: AppContext, actor: Actor, detail: MeetingDetail): Promise<ReportFacts> {
  const m = detail.meeting;
  const [decisions, documents, attendance, group, meetings] = await Promise.all([
    decisionsOfMeeting(ctx, actor, m.id),
    listMeetingDocuments(ctx, actor, m.id),
    attendanceFigures(ctx, m.id),
    getGroup(ctx, detail.group.code),
    listGroupMeetings(ctx, detail.group.code),
  ]);
  const firstDay = detail.firstDay;
  const received = documents.filter((d) => d.status !== 'reserved');
  const standing = received.filter((d) => !d.withdrawn);
  const next = meetings.find((other) => other.meeting.id !== m.id && other.firstDay > firstDay);
  return {
    meeting: {
      id: m.id,
      title: m.title,
      venueName: m.venueName,
      venueCity: m.venueCity,
      venueCountry: m.venueCountry,
      mode: m.mode,
      languages: m.languages,
      firstDay,
      lastDay: detail.lastDay,
    },
    group: { code: group.code, name: group.name },
    chairs: group.officers
      .filter((o) => (!o.untilDate || o.untilDate >= firstDay) && (!o.fromDate || o.fromDate <= firstDay))
      .map((o) => ({ role: o.role, name: o.name, affiliation: o.affiliation, country: o.country })),
    attendance: {
      total: attendance.registered.reduce((sum, r) => sum + r.count, 0),
      byMode: countBy(
        attendance.registered,
        (r) => r.mode,
        (r) => r.count,
      ),
      byCountry: countBy(
        attendance.registered,
        (r) => r.country,
        (r) => r.count,
      ),
      waitlisted: attendance.waitlisted,
    },
    documents: {
      total: received.length,
      withdrawn: received.length - standing.length,
      byType: countBy(standing, (d) => d.type),
      contributions: standing.filter((d) => d.type === 'I').map((d) => ({ number: d.number, title: d.title, sources: d.sources })),
    },
    sessions: decisions.sessions.map(({ session, items }) => ({
      subgroup: session.subgroup,
      title: session.subgroupTitle,
      startDate: session.startDate,
      endDate: session.endDate,
      items: items.map((item) => ({
        number: item.number,
        title: item.title,
        conclusion: item.conclusion,
        documents: item.documents.map((doc) => ({
          number: doc.number,
          title: doc.title,
          decision: doc.decision,
          related: doc.related?.number ?? null,
          note: doc.note,
        })),
      })),
    })),
    outputs: standing.filter((d) => d.type === 'O').map((d) => ({ number: d.number, title: d.title })),
    next: next
      ? {
          title: next.meeting.title,
          firstDay: next.firstDay,
          lastDay: next.lastDay,
          venueName: next.meeting.venueName,
          venueCity: next.meeting.venueCity,
          venueCountry: next.meeting.venueCountry,
          mode: next.meeting.mode,
        }
      : null,
  };
}

async function textsOf(ctx: AppContext, meetingId: number): Promise<ReportTexts> {
  const [row] = await ctx.db.select({ texts: reportDrafts.texts }).from(reportDrafts).where(eq(reportDrafts.meetingId, meetingId));
  return { ...emptyTexts(), ...row?.texts };
}

async function versionsOf(ctx: AppContext, meetingId: number): Promise<ReportVersion[]> {
  return ctx.db
    .select({ id: meetingReports.id, version: meetingReports.version, issuedOn: meetingReports.issuedOn })
    .from(meetingReports)
    .where(eq(meetingReports.meetingId, meetingId))
    .orderBy(asc(meetingReports.version));
}

interface DraftReport {
  detail: MeetingDetail;
  facts: ReportFacts;
  texts: ReportTexts;
  issued: ReportVersion[];
}

/** The draft of the meeting's report: its facts as they are now, the texts written so far, the versions issued. Secretariat only. */
export async function draftReport(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<DraftReport> {
  authorize(actor, draftReports, undefined);
  const detail = await getMeeting(ctx, meetingId);
  const [facts, texts, issued] = await Promise.all([currentFacts(ctx, actor, detail), textsOf(ctx, meetingId), versionsOf(ctx, meetingId)]);
  return { detail, facts, texts, issued };
}

const perLanguage = z.record(z.string().regex(/^[a-z]{2}$/, { message: 'error.invalid' }), optionalText(MAX_TEXT, { lines: true }));
const textsSchema = z.object(
  Object.fromEntries(reportTextFields.map((f) => [f, perLanguage.optional()])) as Record<
    (typeof reportTextFields)[number],
    z.ZodOptional<typeof perLanguage>
  >,
);
/** What a save sends: per section, the texts per language it sets (an empty text clears one); the others stay. */
type ReportTextsInput = Partial<Record<(typeof reportTextFields)[number], Record<string, string>>>;

/** Saves the draft's texts: each language of each section sent replaces the one stored; nothing else changes. */
export async function saveReportTexts(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  input: ReportTextsInput,
): Promise<ReportTexts> {
  authorize(actor, draftReports, undefined);
  const sent = parseInput(textsSchema, input);
  await getMeeting(ctx, meetingId);
  const texts = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(reportDrafts).where(eq(reportDrafts.meetingId, meetingId)).for('update');
    const merged: ReportTexts = { ...emptyTexts(), ...row?.texts };
    for (const field of reportTextFields) {
      const next = { ...merged[field] };
      for (const [lang, text] of Object.entries(sent[field] ?? {})) {
        if (text) next[lang] = text;
        else delete next[lang];
      }
      merged[field] = next;
    }
    const values = { texts: merged, updatedBy: actor.id, updatedAt: ctx.clock.now() };
    await tx
      .insert(reportDrafts)
      .values({ meetingId, ...values })
      .onConflictDoUpdate({ target: reportDrafts.meetingId, set: values });
    return merged;
  });
  await audit(ctx, actor, 'report.texts', `meeting:${meetingId}`);
  return texts;
}

/**
 * Issues the next version of the meeting's report: the facts as they are now and the texts written so far,
 * frozen. The draft's row is locked so two issues at once take two numbers one after the other.
 */
export async function issueReport(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<ReportRow> {
  authorize(actor, draftReports, undefined);
  const detail = await getMeeting(ctx, meetingId);
  const facts = await currentFacts(ctx, actor, detail);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [draft] = await tx.select().from(reportDrafts).where(eq(reportDrafts.meetingId, meetingId)).for('update');
      const [latest] = await tx
        .select({ version: meetingReports.version })
        .from(meetingReports)
        .where(eq(meetingReports.meetingId, meetingId))
        .orderBy(desc(meetingReports.version))
        .limit(1);
      const [inserted] = await tx
        .insert(meetingReports)
        .values({
          meetingId,
          version: (latest?.version ?? 0) + 1,
          issuedOn: dateInZone(ctx.clock.now(), detail.meeting.timeZone),
          facts,
          texts: { ...emptyTexts(), ...draft?.texts },
          issuedBy: actor.id,
        })
        .returning();
      return inserted!;
    });
    await audit(ctx, actor, 'report.issue', `meeting-report:${row.id}`, { meetingId, version: row.version });
    return row;
  } catch (error) {
    // Issued at the same moment by someone else (without a draft row to lock): theirs stands.
    if (isUniqueViolation(error)) throw new ConflictError('report-conflict', 'report.error.conflict');
    throw error;
  }
}

/** The meeting's issued reports: to whoever may read its group's documents. */
export async function issuedReports(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
): Promise<{ detail: MeetingDetail; versions: ReportVersion[] }> {
  const detail = await getMeeting(ctx, meetingId);
  authorizeRead(actor, readDocuments, { access: detail.group.documentAccess });
  return { detail, versions: await versionsOf(ctx, meetingId) };
}

/** One issued version (the latest when `version` is undefined), as issued. */
export async function issuedReport(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  version?: number,
): Promise<{ detail: MeetingDetail; row: ReportRow; versions: ReportVersion[] }> {
  const { detail, versions } = await issuedReports(ctx, actor, meetingId);
  const wanted = version ?? versions.at(-1)?.version;
  const [row] =
    wanted === undefined
      ? []
      : await ctx.db
          .select()
          .from(meetingReports)
          .where(and(eq(meetingReports.meetingId, meetingId), eq(meetingReports.version, wanted)));
  if (!row) throw new NotFoundError();
  return { detail, row, versions };
}

/** On the meeting page: the latest issued version, for whoever may read the group's documents. */
export async function latestReport(ctx: AppContext, actor: Actor | null, detail: MeetingDetail): Promise<ReportVersion | null> {
  if (!may(actor, readDocuments, { access: detail.group.documentAccess })) return null;
  return (await versionsOf(ctx, detail.meeting.id)).at(-1) ?? null;
}

export type ReportFormat = 'pdf' | 'docx';

/** The report as a file; the engines are loaded on the first report, not at start-up (memory of an idle server). */
export async function renderReport(report: Report, format: ReportFormat): Promise<Buffer> {
  return format === 'pdf' ? (await import('./pdf.ts')).renderReportPdf(report) : (await import('./docx.ts')).renderReportDocx(report);
}

/**
 * An issued version as a PDF or .docx in one of its languages, from the file store: rendered on first request
 * and kept (an issued version never changes), so a long report is never typeset twice.
 */
export async function issuedReportFile(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  version: number,
  asked: { lang: unknown; reader: Locale },
  format: ReportFormat,
): Promise<{ stream: NodeJS.ReadableStream; size: number; filename: string }> {
  const { row } = await issuedReport(ctx, actor, meetingId, version);
  const locale = reportLocale(row.facts.meeting.languages, asked.lang, asked.reader);
  const key = `${format}:${locale}`;
  let hash = row.files[key];
  if (!hash || !(await ctx.files.has(hash))) {
    const report = composeReport(
      row.facts,
      row.texts,
      { draft: false, version: row.version, issuedOn: row.issuedOn },
      locale,
      translator(locale),
    );
    hash = (await ctx.files.putBuffer(await renderReport(report, format))).hash;
    await ctx.db
      .update(meetingReports)
      .set({ files: sql`${meetingReports.files} || ${JSON.stringify({ [key]: hash })}::jsonb` })
      .where(eq(meetingReports.id, row.id));
  }
  const [stream, size] = await Promise.all([ctx.files.open(hash), ctx.files.size(hash)]);
  return { stream, size, filename: `report-${meetingId}-v${row.version}-${locale}.${format}` };
}
