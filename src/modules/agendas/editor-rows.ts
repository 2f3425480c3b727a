import type { FieldError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { MAX_ITEMS, parseDocumentNumbers } from './rules.ts';

/** One row of the agenda editor as typed: every field text, kept as sent so a re-rendered form shows it again. */
export interface EditorRow {
  title: string;
  description: string;
  documents: string;
}

const FIELDS = ['title', 'description', 'documents'] as const;
/** A form never shows more rows than an agenda may hold items, and a few more being typed. */
export const MAX_ROWS = MAX_ITEMS + 3;

export const blankRow = (): EditorRow => ({ title: '', description: '', documents: '' });
const isBlank = (row: EditorRow) => FIELDS.every((f) => row[f].trim() === '');
const asText = (v: unknown) => (Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : v == null ? '' : String(v));

/** The editor's rows from its fields ("items_3_title" is row 3), in the order of their indices, however sparse. */
export function editorRows(fields: Record<string, unknown>): EditorRow[] {
  const rows = new Map<number, EditorRow>();
  for (const [key, value] of Object.entries(fields)) {
    const m = /^items_(\d{1,4})_(title|description|documents)$/.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const row = rows.get(index) ?? blankRow();
    row[m[2] as keyof EditorRow] = asText(value);
    rows.set(index, row);
  }
  return [...rows]
    .sort((a, b) => a[0] - b[0])
    .slice(0, MAX_ROWS)
    .map(([, row]) => row);
}

/** The fields of the editor for its rows, numbered from 0 in their order. */
export function rowFields(rows: readonly EditorRow[]): Record<string, string> {
  const fields: Record<string, string> = {};
  rows.forEach((row, i) => {
    for (const f of FIELDS) fields[`items_${i}_${f}`] = row[f];
  });
  return fields;
}

/** A button of the editor that changes the form without saving it: "_move=up:3", "_remove=3", "_add". */
type EditorAction = { kind: 'up' | 'down' | 'remove'; number: number } | { kind: 'add' };

/** The action a submission asks for, or null for Save (a malformed one is an action on no row, refused later). */
export function editorAction(fields: Record<string, unknown>): EditorAction | null {
  const move = asText(fields._move);
  if (move) {
    const m = /^(up|down):(\d{1,4})$/.exec(move);
    return { kind: m?.[1] === 'down' ? 'down' : 'up', number: m ? Number(m[2]) : 0 };
  }
  const remove = asText(fields._remove);
  if (remove) return { kind: 'remove', number: /^\d{1,4}$/.test(remove) ? Number(remove) : 0 };
  if (fields._add !== undefined) return { kind: 'add' };
  return null;
}

/** The control of a row that has the focus when the form comes back. */
export type EditorControl = 'title' | 'up' | 'down' | 'remove' | 'add';

export interface ActionOutcome {
  rows: EditorRow[];
  /** What happened, said by the page's status message. */
  status: { key: MessageKey; params: Record<string, number> };
  /** Where the focus goes: a control of a row (numbered from 1), or the "Add item" button. */
  focus: { number: number; control: EditorControl };
}

/**
 * The rows after a button of the editor, nothing saved: a row moves up or down (the focus stays on the row,
 * on the same button while there is one), is removed (the focus on the row that takes its place), or an empty
 * row is added at the end (the focus on its title). Null for an action on no row.
 */
export function applyEditorAction(rows: readonly EditorRow[], action: EditorAction): ActionOutcome | null {
  const next = [...rows];
  if (action.kind === 'add') {
    if (next.length >= MAX_ROWS) return null;
    next.push(blankRow());
    return {
      rows: next,
      status: { key: 'agenda.status.added', params: { n: next.length } },
      focus: { number: next.length, control: 'title' },
    };
  }
  const i = action.number - 1;
  if (i < 0 || i >= next.length) return null;
  if (action.kind === 'remove') {
    next.splice(i, 1);
    const focus =
      next.length === 0 ? { number: 0, control: 'add' as const } : { number: Math.min(i, next.length - 1) + 1, control: 'title' as const };
    return { rows: next, status: { key: 'agenda.status.removed', params: { n: action.number } }, focus };
  }
  const j = action.kind === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= next.length) return null;
  [next[i], next[j]] = [next[j]!, next[i]!];
  const to = j + 1;
  const sameButtonStays = action.kind === 'up' ? to > 1 : to < next.length;
  const control = sameButtonStays ? action.kind : action.kind === 'up' ? 'down' : 'up';
  return {
    rows: next,
    status: { key: action.kind === 'up' ? 'agenda.status.movedUp' : 'agenda.status.movedDown', params: { from: action.number, to } },
    focus: { number: to, control },
  };
}

interface SavedItems {
  items: { title: string; description: string; documents: string[] }[];
  /** For each item, the row it came from (to put an error from the service back on its field). */
  rowOf: number[];
  errors: FieldError[];
}

/**
 * The rows to save as the agenda's items, in their order: an empty row is left out; a row with a description
 * or documents but no title is an error on its title field.
 */
export function itemsToSave(rows: readonly EditorRow[]): SavedItems {
  const result: SavedItems = { items: [], rowOf: [], errors: [] };
  rows.forEach((row, i) => {
    if (isBlank(row)) return;
    const title = row.title.trim();
    if (!title) result.errors.push({ field: `items_${i}_title`, message: 'error.required' });
    result.items.push({ title, description: row.description.trim(), documents: parseDocumentNumbers(row.documents) });
    result.rowOf.push(i);
  });
  return result;
}

/** An error path on the saved items ("items.2.documents") as the form field it came from ("items_5_documents"). */
export function formFieldFor(path: string, rowOf: readonly number[]): string {
  const m = /^items\.(\d+)\.(\w+)$/.exec(path);
  if (!m) return path.replace(/\./g, '_');
  const row = rowOf[Number(m[1])];
  return row === undefined ? path.replace(/\./g, '_') : `items_${row}_${m[2]}`;
}
