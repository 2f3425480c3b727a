import { and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { type FieldError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { authorize, isSecretariat, may } from '../../platform/policy.ts';
import { optionalText, parseInput } from '../../platform/validation.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/profile.ts';
import { parseDocumentNumbers } from '../agendas/rules.ts';
import { type AgendaForDecisions, agendasForDecisions } from '../agendas/service.ts';
import { documentsByIds, documentsByNumbers } from '../documents/queries.ts';
import { canReadDocuments } from '../documents/rules.ts';
import { isGroupOfficer } from '../groups/service.ts';
import { lockMeetingSession } from '../meetings/queries.ts';
import { getMeeting, type MeetingDetail, type SessionView } from '../meetings/service.ts';
import { recordDecisions } from './policies.ts';
import { documentsByItem, MAX_CONCLUSION, MAX_NOTE, MAX_ROWS, relatedProblem, takesRelated } from './rules.ts';
import { documentDecisions, itemConclusions } from './schema.ts';
import { type DecisionKind, decisionKinds } from './vocabulary.ts';

interface DocumentRef {
  number: string;
  /** Empty when the reader may not read the group's documents (a group open to signed-in accounts only). */
  title: string;
  withdrawn: boolean;
}

/** A document of an agenda item, with what the session decided on it (null: nothing yet). */
export interface DecidedDocument extends DocumentRef {
  id: number;
  decision: DecisionKind | null;
  /** The revision that replaces it (`revised`), the document it was merged into (`merged`). */
  related: DocumentRef | null;
  note: string;
}

interface DecidedItem {
  number: number;
  title: string;
  conclusion: string;
  documents: DecidedDocument[];
}

export interface SessionDecisions {
  session: SessionView;
  /** The agenda the decisions are recorded on; null when the session has none the reader may see. */
  agenda: Omit<AgendaForDecisions, 'items'> | null;
  items: DecidedItem[];
}

export interface MeetingDecisions {
  detail: MeetingDetail;
  /** The reader records decisions (secretariat, the group's officers). */
  editor: boolean;
  sessions: SessionDecisions[];
}

/** Whether the actor records the meeting's decisions: the secretariat, or an officer in office of its group. */
async function isEditor(ctx: AppContext, actor: Actor | null, groupId: number): Promise<boolean> {
  const officer = actor !== null && !isSecretariat(actor) && (await isGroupOfficer(ctx, actor, groupId));
  return may(actor, recordDecisions, { officer });
}

/**
 * The agenda of every session of a meeting with the documents allocated to each item and what was decided
 * on them, and each item's conclusion — as the reader may see it: the latest published agenda of each
 * session (editors: the draft where nothing is published yet), and the documents' titles only for those who
 * may read the group's documents. The one reading of decisions: the public page, the exports, the API and
 * the meeting report use it.
 */
export async function decisionsOfMeeting(ctx: AppContext, actor: Actor | null, meetingId: number): Promise<MeetingDecisions> {
  const detail = await getMeeting(ctx, meetingId);
  const editor = await isEditor(ctx, actor, detail.group.id);
  const sessionIds = detail.sessions.map((s) => s.id);
  const [agendas, decided, conclusions] = await Promise.all([
    agendasForDecisions(ctx, sessionIds, editor),
    sessionIds.length ? ctx.db.select().from(documentDecisions).where(inArray(documentDecisions.sessionId, sessionIds)) : [],
    sessionIds.length ? ctx.db.select().from(itemConclusions).where(inArray(itemConclusions.sessionId, sessionIds)) : [],
  ]);
  const showTitles = canReadDocuments(detail.group.documentAccess, actor !== null);
  const ids = new Set<number>();
  for (const agenda of agendas.values()) for (const item of agenda.items) for (const id of item.documentIds) ids.add(id);
  for (const d of decided) if (d.relatedDocumentId) ids.add(d.relatedDocumentId);
  const docs = new Map((await documentsByIds(ctx, [...ids])).map((d) => [d.id, d]));
  const ref = (id: number | null): DocumentRef | null => {
    const d = id === null ? undefined : docs.get(id);
    return d ? { number: d.number, title: showTitles ? d.title : '', withdrawn: d.withdrawnAt !== null } : null;
  };
  const decisionOf = new Map(decided.map((d) => [`${d.sessionId}:${d.documentId}`, d]));
  const conclusionOf = new Map(conclusions.map((c) => [`${c.sessionId}:${c.itemNumber}`, c.text]));
  return {
    detail,
    editor,
    sessions: detail.sessions.map((session) => {
      const agenda = agendas.get(session.id);
      if (!agenda) return { session, agenda: null, items: [] };
      const byItem = documentsByItem(agenda.items);
      return {
        session,
        agenda: { version: agenda.version, label: agenda.label, status: agenda.status },
        items: agenda.items.map((item) => ({
          number: item.number,
          title: item.title,
          conclusion: conclusionOf.get(`${session.id}:${item.number}`) ?? '',
          documents: (byItem.get(item.number) ?? []).flatMap((id) => {
            const doc = ref(id);
            if (!doc) return [];
            const row = decisionOf.get(`${session.id}:${id}`);
            return [{ id, ...doc, decision: row?.decision ?? null, related: ref(row?.relatedDocumentId ?? null), note: row?.note ?? '' }];
          }),
        })),
      };
    }),
  };
}

/** One session's part of the meeting's decisions, for the editing page and the API's answer; 404 for a session of another meeting. */
export async function sessionDecisions(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  sessionId: number,
): Promise<{ all: MeetingDecisions; session: SessionDecisions }> {
  const all = await decisionsOfMeeting(ctx, actor, meetingId);
  const session = all.sessions.find((s) => s.session.id === sessionId);
  if (!session) throw new NotFoundError();
  return { all, session };
}

const decisionChoice = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.enum(decisionKinds, { message: 'error.choice' }).nullable(),
);
const saveSchema = z.object({
  rows: z
    .array(
      z.object({
        document: z.preprocess((v) => parseDocumentNumbers(v)[0] ?? '', z.string().min(1, { message: 'error.required' })),
        decision: decisionChoice,
        related: z.preprocess((v) => parseDocumentNumbers(v)[0] ?? '', z.string()),
        note: optionalText(MAX_NOTE),
      }),
      { message: 'error.invalid' },
    )
    .max(MAX_ROWS, { message: 'error.tooMany' })
    .default([]),
  conclusions: z
    .array(z.object({ item: z.number().int().min(1), text: optionalText(MAX_CONCLUSION, { lines: true }) }), { message: 'error.invalid' })
    .max(MAX_ROWS, { message: 'error.tooMany' })
    .default([]),
});

/** What a save sends: the rows and conclusions it sets; the others stay as they are. */
export interface DecisionsInput {
  rows?: { document: string; decision?: DecisionKind | '' | null; related?: string; note?: string }[];
  conclusions?: { item: number; text?: string }[];
}

/**
 * Records a session's decisions in one transaction: each row sent sets (or, without a decision, clears) the
 * decision on its document — which must be allocated to the session's agenda — and each conclusion sent sets
 * (or, empty, clears) its item's. Rows and items not sent are left as they are, so the editing form sends only
 * what it changed and two people saving at once lose nothing of each other's rows; on a row both changed the
 * last save wins (saves are serialised by the session row's lock). Saving the same again changes nothing.
 * Every problem is a field error and nothing is written.
 */
export async function saveSessionDecisions(
  ctx: AppContext,
  actor: Actor | null,
  meetingId: number,
  sessionId: number,
  input: DecisionsInput,
): Promise<void> {
  const detail = await getMeeting(ctx, meetingId);
  const session = detail.sessions.find((s) => s.id === sessionId);
  if (!session) throw new NotFoundError();
  const officer = actor !== null && !isSecretariat(actor) && (await isGroupOfficer(ctx, actor, detail.group.id));
  authorize(actor, recordDecisions, { officer });
  const data = parseInput(saveSchema, input);
  const agenda = (await agendasForDecisions(ctx, [sessionId], true)).get(sessionId);
  const allocated = new Set(agenda?.items.flatMap((i) => i.documentIds) ?? []);
  const itemNumbers = new Set(agenda?.items.map((i) => i.number) ?? []);
  const numbers = [...new Set(data.rows.flatMap((r) => [r.document, r.related].filter(Boolean)))];
  const known = new Map((await documentsByNumbers(ctx, numbers)).map((d) => [d.number, d]));
  const errors: FieldError[] = [];
  data.rows.forEach((row, i) => {
    const doc = known.get(row.document);
    if (!doc || !allocated.has(doc.id)) {
      errors.push({ field: `rows.${i}.document`, message: 'decision.error.notOnAgenda', params: { number: row.document } });
      return;
    }
    const problem = relatedProblem(row.decision, row.related, known.get(row.related), doc);
    if (problem) errors.push({ field: `rows.${i}.related`, message: problem, params: { number: row.related } });
  });
  data.conclusions.forEach((c, i) => {
    if (!itemNumbers.has(c.item))
      errors.push({ field: `conclusions.${i}.item`, message: 'decision.error.noSuchItem', params: { n: c.item } });
  });
  if (errors.length) throw new ValidationError(errors);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await lockMeetingSession(tx, sessionId))) throw new NotFoundError();
    for (const row of data.rows) {
      const documentId = known.get(row.document)!.id;
      const here = and(eq(documentDecisions.sessionId, sessionId), eq(documentDecisions.documentId, documentId));
      if (row.decision === null) {
        await tx.delete(documentDecisions).where(here);
        continue;
      }
      const values = {
        decision: row.decision,
        relatedDocumentId: takesRelated(row.decision) ? known.get(row.related)!.id : null,
        note: row.note,
        decidedBy: actor.id,
        updatedAt: now,
      };
      await tx
        .insert(documentDecisions)
        .values({ sessionId, documentId, ...values })
        .onConflictDoUpdate({ target: [documentDecisions.sessionId, documentDecisions.documentId], set: values });
    }
    for (const c of data.conclusions) {
      const here = and(eq(itemConclusions.sessionId, sessionId), eq(itemConclusions.itemNumber, c.item));
      if (!c.text) {
        await tx.delete(itemConclusions).where(here);
        continue;
      }
      const values = { text: c.text, decidedBy: actor.id, updatedAt: now };
      await tx
        .insert(itemConclusions)
        .values({ sessionId, itemNumber: c.item, ...values })
        .onConflictDoUpdate({ target: [itemConclusions.sessionId, itemConclusions.itemNumber], set: values });
    }
  });
  await audit(ctx, actor, 'decisions.save', `session:${sessionId}`, { rows: data.rows.length, conclusions: data.conclusions.length });
}

/** A link between a document and another that a decision made: replaced by its revision, a revision of, merged into, merged from. */
export interface DecisionLink {
  kind: 'replacedBy' | 'revisionOf' | 'mergedInto' | 'mergedFrom';
  number: string;
}

/** On a document's page: the documents decisions link it to (both ends of a revision or a merge). */
export async function decisionLinksOf(ctx: AppContext, doc: { id: number }): Promise<DecisionLink[]> {
  const rows = await ctx.db
    .select({
      documentId: documentDecisions.documentId,
      related: documentDecisions.relatedDocumentId,
      decision: documentDecisions.decision,
    })
    .from(documentDecisions)
    .where(or(eq(documentDecisions.documentId, doc.id), eq(documentDecisions.relatedDocumentId, doc.id)));
  const links = rows.flatMap((r): { kind: DecisionLink['kind']; id: number }[] => {
    if (r.related === null || !takesRelated(r.decision)) return [];
    const revised = r.decision === 'revised';
    return r.documentId === doc.id
      ? [{ kind: revised ? 'replacedBy' : 'mergedInto', id: r.related }]
      : [{ kind: revised ? 'revisionOf' : 'mergedFrom', id: r.documentId }];
  });
  const numbers = new Map((await documentsByIds(ctx, [...new Set(links.map((l) => l.id))])).map((d) => [d.id, d.number]));
  const unique = new Map<string, DecisionLink>();
  for (const l of links) {
    const number = numbers.get(l.id);
    if (number) unique.set(`${l.kind}:${number}`, { kind: l.kind, number });
  }
  return [...unique.values()];
}
