import type { FieldError } from '../../platform/errors.ts';
import type { AgendaStatus } from './vocabulary.ts';

/** Limits on what one agenda holds. */
export const MAX_ITEMS = 100;
export const MAX_DOCUMENTS_PER_ITEM = 50;
export const MAX_TITLE = 300;
export const MAX_DESCRIPTION = 5000;

/** Version 1 is the agenda as first published (no suffix); version N is "Rev.N-1". */
export const agendaVersionLabel = (version: number): string => (version > 1 ? `Rev.${version - 1}` : '');

/** Items are numbered 1..n in their order. */
export function numberItems<T>(items: readonly T[]): (T & { number: number })[] {
  return items.map((item, i) => ({ ...item, number: i + 1 }));
}

/** "FGMV-I-001, fgmv-td-002;FGMV-I-001" → ["FGMV-I-001", "FGMV-TD-002"]: upper case, no repeats, in order. */
export function parseDocumentNumbers(value: unknown): string[] {
  // Separated as typed on any keyboard: Arabic ، ؛ and full-width ，；、 too.
  const separators = /[\s,;\u060c\u061b\uff0c\uff1b\u3001]+/;
  const parts = Array.isArray(value) ? value.flatMap((v) => String(v ?? '').split(separators)) : String(value ?? '').split(separators);
  return [...new Set(parts.map((p) => p.trim().toUpperCase()).filter(Boolean))];
}

/** One row of the edit form as it arrives: every field text, any of them missing. */
export interface AgendaFormRow {
  position?: unknown;
  title?: unknown;
  description?: unknown;
  documents?: unknown;
}

interface OrderedRows {
  items: { title: string; description: string; documents: string[] }[];
  /** For each kept item, the index of the form row it came from (to put an error back on its field). */
  rowOf: number[];
  errors: FieldError[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)).trim();

/**
 * The edit form's rows → the agenda's items: a row with an empty title is removed; the others are
 * ordered by their position numbers (decimals allowed, so 2.5 goes between 2 and 3; an empty position
 * goes last; ties keep the form's order). A position that is not a number is an error on that row's
 * field (named as the form names it, "items_3_position").
 */
export function orderFormRows(rows: Iterable<readonly [number, AgendaFormRow | undefined]>): OrderedRows {
  const errors: FieldError[] = [];
  const kept: { row: number; position: number; item: OrderedRows['items'][number] }[] = [];
  for (const [row, raw] of rows) {
    if (!raw) continue;
    const title = text(raw.title);
    if (!title) continue;
    const positionText = text(raw.position);
    let position = Number.POSITIVE_INFINITY;
    if (positionText) {
      const n = Number(positionText.replace(',', '.'));
      if (Number.isFinite(n)) position = n;
      else errors.push({ field: `items_${row}_position`, message: 'agenda.error.position' });
    }
    kept.push({ row, position, item: { title, description: text(raw.description), documents: parseDocumentNumbers(raw.documents) } });
  }
  kept.sort((a, b) => (a.position === b.position ? a.row - b.row : a.position < b.position ? -1 : 1));
  return { items: kept.map((k) => k.item), rowOf: kept.map((k) => k.row), errors };
}

/** An error path on the ordered items ("items.2.documents") as the form field it came from ("items_5_documents"). */
export function formFieldFor(path: string, rowOf: readonly number[]): string {
  const m = /^items\.(\d+)\.(\w+)$/.exec(path);
  if (!m) return path.replace(/\./g, '_');
  const row = rowOf[Number(m[1])];
  return row === undefined ? path.replace(/\./g, '_') : `items_${row}_${m[2]}`;
}

/**
 * Which document numbers of an item cannot be allocated: unknown ones, and those of another meeting
 * (an agenda takes the documents of its own meeting only).
 */
export function documentProblems(
  numbers: readonly string[],
  known: ReadonlyMap<string, { meetingId: number | null }>,
  meetingId: number,
): { unknown: string[]; otherMeeting: string[] } {
  const unknown: string[] = [];
  const otherMeeting: string[] = [];
  for (const n of numbers) {
    const doc = known.get(n);
    if (!doc) unknown.push(n);
    else if (doc.meetingId !== meetingId) otherMeeting.push(n);
  }
  return { unknown, otherMeeting };
}

/** The version a new draft takes: one after the latest version of the session (1 for the first). */
export const nextVersion = (latest: number | null | undefined): number => (latest ?? 0) + 1;

/**
 * What a reader may see of a session's agenda: published versions are public; drafts only to
 * editors (the secretariat and the group's officers).
 */
export function mayRead(status: AgendaStatus, editor: boolean): boolean {
  return status === 'published' || editor;
}
