import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/index.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../platform/errors.ts';
import { isSecretariat, may } from '../../platform/policy.ts';
import { optionalText, parseInput, requiredText } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/profile.ts';
import { documentsByIds, documentsByNumbers } from '../documents/queries.ts';
import { canReadDocuments } from '../documents/rules.ts';
import { groupById, subgroupsByIds } from '../groups/queries.ts';
import { canManageGroupContent, isGroupOfficer, subgroupLabel } from '../groups/service.ts';
import { lockMeetingSession, sessionById, sessionsOfMeetings } from '../meetings/queries.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { editAgenda } from './policies.ts';
import {
  agendaVersionLabel,
  documentProblems,
  MAX_DESCRIPTION,
  MAX_DOCUMENTS_PER_ITEM,
  MAX_ITEMS,
  MAX_TITLE,
  mayRead,
  nextVersion,
  numberItems,
  parseDocumentNumbers,
} from './rules.ts';
import { type AgendaItem, agendas } from './schema.ts';
import type { AgendaStatus } from './vocabulary.ts';

type AgendaRow = typeof agendas.$inferSelect;

/** The session an agenda belongs to, with what pages need to name it. */
export interface SessionInfo {
  id: number;
  meetingId: number;
  groupId: number;
  groupCode: string;
  /** "WG5", "TG". */
  subgroup: string;
  kind: string;
  number: number | null;
  subgroupTitle: Record<string, string>;
  meetingTitle: Record<string, string>;
  startDate: string;
  endDate: string;
  timeZone: string;
  documentAccess: string;
}

interface AgendaDocument {
  id: number;
  number: string;
  /** Empty when the reader may not read the group's documents (a group open to signed-in accounts only). */
  title: string;
  withdrawn: boolean;
}

interface AgendaItemView {
  number: number;
  title: string;
  description: string;
  documents: AgendaDocument[];
}

export interface AgendaVersion {
  id: number;
  version: number;
  /** "" for version 1, "Rev.N-1" after. */
  label: string;
  status: AgendaStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  items: AgendaItemView[];
}

interface PublishedVersion {
  version: number;
  label: string;
  publishedAt: Date;
}

export interface AgendaView {
  session: SessionInfo;
  /** The reader may edit and publish (secretariat or an officer of the group). */
  editor: boolean;
  /** The version asked for, else the latest published one; null when nothing is published yet (editors only). */
  shown: AgendaVersion | null;
  /** Whether `shown` is the latest published version. */
  latest: boolean;
  /** The draft in progress, for editors only. */
  draft: AgendaVersion | null;
  /** Every published version, newest first. */
  published: PublishedVersion[];
  /** The version the draft has, or will have when first saved. */
  draftVersion: number;
}

const sessionId = (id: number) => {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  return id;
};

async function sessionInfo(ctx: AppContext, id: number): Promise<SessionInfo> {
  const session = await sessionById(ctx, sessionId(id));
  if (!session) throw new NotFoundError();
  const [group, subs] = await Promise.all([groupById(ctx, session.groupId), subgroupsByIds(ctx.db, [session.subgroupId])]);
  const sub = subs.get(session.subgroupId);
  if (!group || !sub) throw new NotFoundError();
  return {
    id: session.id,
    meetingId: session.meetingId,
    startDate: session.startDate,
    endDate: session.endDate,
    groupId: group.id,
    groupCode: group.code,
    documentAccess: group.documentAccess,
    kind: sub.kind,
    number: sub.number,
    subgroupTitle: sub.title,
    meetingTitle: session.meetingTitle,
    timeZone: session.timeZone,
    subgroup: subgroupLabel(sub),
  };
}

/** The secretariat and the group's officers edit and publish its sessions' agendas. */
async function canEditAgenda(ctx: AppContext, actor: Actor | null, session: Pick<SessionInfo, 'groupId'>): Promise<boolean> {
  const officer = actor !== null && !isSecretariat(actor) && (await isGroupOfficer(ctx, actor, session.groupId));
  return may(actor, editAgenda, { officer });
}

async function requireEditor(ctx: AppContext, actor: Actor | null, id: number): Promise<{ actor: Actor; session: SessionInfo }> {
  if (!actor) throw new UnauthenticatedError();
  const session = await sessionInfo(ctx, id);
  if (!(await canEditAgenda(ctx, actor, session))) throw new ForbiddenError();
  return { actor, session };
}

/** Resolves the allocated documents of several versions at once. */
async function present(ctx: AppContext, rows: AgendaRow[], showTitles: boolean): Promise<AgendaVersion[]> {
  const ids = [...new Set(rows.flatMap((r) => r.items.flatMap((i) => i.documentIds)))];
  const docs = await documentsByIds(ctx, ids);
  const byId = new Map(
    docs.map((d) => [d.id, { id: d.id, number: d.number, title: showTitles ? d.title : '', withdrawn: d.withdrawnAt !== null }]),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    label: agendaVersionLabel(r.version),
    status: r.status,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
    items: numberItems(r.items).map((item) => ({
      number: item.number,
      title: item.title,
      description: item.description,
      documents: item.documentIds.flatMap((id) => byId.get(id) ?? []),
    })),
  }));
}

interface AgendaQuery {
  /** A given version (published; a draft's version for editors). */
  version?: number;
  /** The draft (editors only). */
  draft?: boolean;
}

/**
 * A session's agenda as the reader may see it. Published versions are public; the draft only for
 * editors. Nothing published yet is "not found" for everyone but editors, who see their draft.
 */
export async function getAgenda(ctx: AppContext, actor: Actor | null, id: number, query: AgendaQuery = {}): Promise<AgendaView> {
  const session = await sessionInfo(ctx, id);
  const [editor, rows] = await Promise.all([
    canEditAgenda(ctx, actor, session),
    ctx.db.select().from(agendas).where(eq(agendas.sessionId, session.id)).orderBy(desc(agendas.version)),
  ]);
  const published = rows.filter((r) => r.status === 'published');
  const draftRow = rows.find((r) => r.status === 'draft') ?? null;
  let shown: AgendaRow | null;
  if (query.draft) {
    if (!actor) throw new UnauthenticatedError();
    if (!editor) throw new ForbiddenError();
    shown = draftRow;
    if (!shown) throw new NotFoundError();
  } else if (query.version !== undefined) {
    shown = rows.find((r) => r.version === query.version) ?? null;
    if (!shown || !mayRead(shown.status, editor)) throw new NotFoundError();
  } else {
    shown = published[0] ?? null;
    if (!shown && !editor) throw new NotFoundError();
  }
  const showTitles = canReadDocuments(session.documentAccess, actor !== null);
  const toPresent = [shown, editor && draftRow !== shown ? draftRow : null].filter((r): r is AgendaRow => r !== null);
  const presented = await present(ctx, toPresent, showTitles);
  const byId = new Map(presented.map((v) => [v.id, v]));
  return {
    session,
    editor,
    shown: shown ? byId.get(shown.id)! : null,
    latest: shown !== null && shown === published[0],
    draft: editor && draftRow ? byId.get(draftRow.id)! : null,
    published: published.map((r) => ({ version: r.version, label: agendaVersionLabel(r.version), publishedAt: r.publishedAt! })),
    draftVersion: draftRow?.version ?? nextVersion(rows[0]?.version),
  };
}

/** What the edit form starts from: the draft, else a copy of the latest published version, else nothing. */
export async function agendaForEditing(
  ctx: AppContext,
  actor: Actor | null,
  id: number,
): Promise<AgendaView & { base: AgendaVersion | null }> {
  await requireEditor(ctx, actor, id);
  const view = await getAgenda(ctx, actor, id);
  return { ...view, base: view.draft ?? (view.latest ? view.shown : null) };
}

const itemSchema = z.object({
  title: requiredText(MAX_TITLE),
  description: optionalText(MAX_DESCRIPTION, { lines: true }),
  documents: z.preprocess(parseDocumentNumbers, z.array(z.string()).max(MAX_DOCUMENTS_PER_ITEM, { message: 'error.tooMany' })),
});
const draftSchema = z.object({
  items: z.array(itemSchema, { message: 'error.invalid' }).max(MAX_ITEMS, { message: 'error.tooMany' }),
});

interface DraftInput {
  items: { title: string; description?: string; documents?: string[] | string }[];
}

/** Document numbers → ids; unknown numbers and documents of another meeting are field errors. */
async function allocate(ctx: AppContext, meetingId: number, items: z.output<typeof draftSchema>['items']): Promise<AgendaItem[]> {
  const numbers = [...new Set(items.flatMap((i) => i.documents))];
  const found = await documentsByNumbers(ctx, numbers);
  const known = new Map(found.map((d) => [d.number, d]));
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const { unknown, otherMeeting } = documentProblems(item.documents, known, meetingId);
    if (unknown.length)
      errors.push({ field: `items.${i}.documents`, message: 'agenda.error.unknownDocument', params: { numbers: unknown.join(', ') } });
    if (otherMeeting.length)
      errors.push({ field: `items.${i}.documents`, message: 'agenda.error.otherMeeting', params: { numbers: otherMeeting.join(', ') } });
  });
  if (errors.length) throw new ValidationError(errors);
  return items.map((i) => ({ title: i.title, description: i.description, documentIds: i.documents.map((n) => known.get(n)!.id) }));
}

/**
 * Holds the session row's lock until the transaction ends: saving a draft and publishing are
 * serialised per session, so two first edits never create two drafts (the one-draft index holds).
 */
async function lockSession(tx: Tx, id: number): Promise<void> {
  if (!(await lockMeetingSession(tx, id))) throw new NotFoundError();
}

/**
 * Replaces the draft's items. Without a draft the first edit creates one, version latest+1 (1 for the
 * first), so the published versions stay as they were.
 */
export async function saveDraft(ctx: AppContext, actor: Actor | null, id: number, input: DraftInput): Promise<AgendaRow> {
  const { session } = await requireEditor(ctx, actor, id);
  const data = parseInput(draftSchema, input);
  const items = await allocate(ctx, session.meetingId, data.items);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockSession(tx, session.id);
    const [draft] = await tx
      .update(agendas)
      .set({ items, updatedAt: now })
      .where(and(eq(agendas.sessionId, session.id), eq(agendas.status, 'draft')))
      .returning();
    if (draft) return draft;
    const [latest] = await tx
      .select({ v: sql<number | null>`max(${agendas.version})` })
      .from(agendas)
      .where(eq(agendas.sessionId, session.id));
    const [created] = await tx
      .insert(agendas)
      .values({ sessionId: session.id, version: nextVersion(latest?.v), status: 'draft', items, createdAt: now, updatedAt: now })
      .returning();
    return created!;
  });
}

export const noDraft = () => new ConflictError('agenda-no-draft', 'agenda.error.noDraft');
const emptyDraft = () => new ConflictError('agenda-empty', 'agenda.error.empty');

/** The draft becomes the published version (public from now on); a later edit starts the next version. */
export async function publishDraft(ctx: AppContext, actor: Actor | null, id: number): Promise<AgendaRow> {
  const { actor: publisher, session } = await requireEditor(ctx, actor, id);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    await lockSession(tx, session.id);
    const [draft] = await tx
      .select()
      .from(agendas)
      .where(and(eq(agendas.sessionId, session.id), eq(agendas.status, 'draft')));
    if (!draft) throw noDraft();
    if (draft.items.length === 0) throw emptyDraft();
    const [published] = await tx
      .update(agendas)
      .set({ status: 'published', publishedAt: now, publishedBy: publisher.id, updatedAt: now })
      .where(eq(agendas.id, draft.id))
      .returning();
    return published!;
  });
  await audit(ctx, publisher, 'agenda.publish', `session:${session.id}`, { version: row.version });
  return row;
}

/**
 * Per session of a meeting, which agenda link to show: "published" when a version is public; for
 * editors "draft" on every other session (a draft in progress, or none yet to prepare).
 */
export async function agendaStates(
  ctx: AppContext,
  actor: Actor | null,
  detail: Pick<MeetingDetail, 'meeting' | 'group' | 'sessions'>,
): Promise<Map<number, 'published' | 'draft'>> {
  const sessionIds = detail.sessions.map((s) => s.id);
  const [rows, editor] = await Promise.all([
    sessionIds.length === 0
      ? []
      : ctx.db
          .selectDistinct({ sessionId: agendas.sessionId })
          .from(agendas)
          .where(and(inArray(agendas.sessionId, sessionIds), eq(agendas.status, 'published'))),
    actor ? canManageGroupContent(ctx, actor, detail.group.id) : false,
  ]);
  const published = new Set(rows.map((r) => r.sessionId));
  const states = new Map<number, 'published' | 'draft'>();
  for (const s of detail.sessions) {
    if (published.has(s.id)) states.set(s.id, 'published');
    else if (editor) states.set(s.id, 'draft');
  }
  return states;
}

/** An agenda item a document is allocated to, in the latest published agenda of a session. */
export interface Allocation {
  sessionId: number;
  subgroup: string;
  kind: string;
  number: number | null;
  itemNumber: number;
  title: string;
}

/**
 * Where a document is on the agendas of its meeting: per session, the latest published version only
 * (a document taken off in Rev.1 is no longer shown as allocated).
 */
export async function allocationsOf(ctx: AppContext, doc: { id: number; meetingId: number | null }): Promise<Allocation[]> {
  if (doc.meetingId === null) return [];
  const sessions = (await sessionsOfMeetings(ctx.db, [doc.meetingId])).get(doc.meetingId) ?? [];
  if (sessions.length === 0) return [];
  const latest = ctx.db
    .selectDistinctOn([agendas.sessionId], { sessionId: agendas.sessionId, items: agendas.items })
    .from(agendas)
    .where(
      and(
        inArray(
          agendas.sessionId,
          sessions.map((s) => s.id),
        ),
        eq(agendas.status, 'published'),
      ),
    )
    .orderBy(agendas.sessionId, desc(agendas.version))
    .as('latest');
  const rows = await ctx.db
    .select()
    .from(latest)
    .where(sql`${latest.items} @> ${JSON.stringify([{ documentIds: [doc.id] }])}::jsonb`);
  const itemsOf = new Map(rows.map((r) => [r.sessionId, r.items]));
  return sessions.flatMap((session) =>
    numberItems(itemsOf.get(session.id) ?? [])
      .filter((i) => i.documentIds.includes(doc.id))
      .map((i) => ({
        sessionId: session.id,
        subgroup: session.subgroup,
        kind: session.kind,
        number: session.number,
        itemNumber: i.number,
        title: i.title,
      })),
  );
}

/** A session's agenda as decisions are recorded on it: its version, its state and its numbered items. */
export interface AgendaForDecisions {
  version: number;
  label: string;
  status: AgendaStatus;
  items: (AgendaItem & { number: number })[];
}

/**
 * Per session, the agenda the meeting's decisions are recorded on: the latest published version; with
 * `drafts` (for those who edit agendas), the draft where nothing is published yet. Sessions with neither are left out.
 */
export async function agendasForDecisions(
  ctx: AppContext,
  sessionIds: number[],
  drafts: boolean,
): Promise<Map<number, AgendaForDecisions>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ sessionId: agendas.sessionId, version: agendas.version, status: agendas.status, items: agendas.items })
    .from(agendas)
    .where(inArray(agendas.sessionId, sessionIds))
    .orderBy(agendas.sessionId, desc(agendas.version));
  const chosen = new Map<number, AgendaForDecisions>();
  for (const status of drafts ? (['published', 'draft'] as const) : (['published'] as const)) {
    for (const r of rows) {
      if (r.status !== status || chosen.has(r.sessionId)) continue;
      chosen.set(r.sessionId, { version: r.version, label: agendaVersionLabel(r.version), status: r.status, items: numberItems(r.items) });
    }
  }
  return chosen;
}
