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
