import type { MessageKey } from '../../platform/i18n/index.ts';
import type { DecisionKind } from './vocabulary.ts';

/** Limits on what one save holds. */
export const MAX_NOTE = 500;
export const MAX_CONCLUSION = 5000;
export const MAX_ROWS = 2000;

/** The decisions that name another document of the meeting: the revision that replaces it, the document it was merged into. */
export const takesRelated = (kind: DecisionKind | null): boolean => kind === 'revised' || kind === 'merged';

interface DocumentFacts {
  id: number;
  meetingId: number | null;
}

/**
 * What is wrong with the related document of a decision, or null: `revised` and `merged` need one, the
 * others take none; it must be a document of the same meeting, and not the decided document itself.
 */
export function relatedProblem(
  kind: DecisionKind | null,
  relatedNumber: string,
  related: DocumentFacts | undefined,
  decided: DocumentFacts,
): MessageKey | null {
  if (!takesRelated(kind)) return relatedNumber ? 'decision.error.relatedNotTaken' : null;
  if (!relatedNumber) return kind === 'revised' ? 'decision.error.revisionRequired' : 'decision.error.mergedRequired';
  if (!related) return 'decision.error.unknownDocument';
  if (related.meetingId !== decided.meetingId) return 'decision.error.otherMeeting';
  if (related.id === decided.id) return 'decision.error.itself';
  return null;
}

/**
 * The documents of an agenda's items as the decision table lists them: each document once per session,
 * under the first item it is allocated to.
 */
export function documentsByItem<T extends { number: number; documentIds: number[] }>(items: readonly T[]): Map<number, number[]> {
  const seen = new Set<number>();
  const byItem = new Map<number, number[]>();
  for (const item of items) {
    byItem.set(
      item.number,
      item.documentIds.filter((id) => !seen.has(id) && seen.add(id)),
    );
  }
  return byItem;
}

/** A row of the decision form as sent, and as it was when the form was shown (its hidden copy). */
interface FormRow<V, W> {
  value: V;
  was: W;
}

/**
 * The rows a form changed: only those are saved, so two people saving the same table at once each keep
 * the rows they changed (the last save wins on a row both changed).
 */
export function changedRows<V, W>(rows: readonly FormRow<V, W>[], same: (value: V, was: W) => boolean): V[] {
  return rows.filter((r) => !same(r.value, r.was)).map((r) => r.value);
}
