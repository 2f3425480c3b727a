import type { MessageKey } from '../../platform/i18n/index.ts';

/**
 * What a meeting decided on a document taken under an agenda item. `revised`: a new document (its number
 * given) replaces it; `merged`: it was merged into another document of the meeting (its number given).
 */
export const decisionKinds = ['agreed', 'approved', 'noted', 'revised', 'merged', 'postponed', 'withdrawn', 'not-treated'] as const;
export type DecisionKind = (typeof decisionKinds)[number];
export const decisionKindLabel: Record<DecisionKind, MessageKey> = {
  agreed: 'decision.kind.agreed',
  approved: 'decision.kind.approved',
  noted: 'decision.kind.noted',
  revised: 'decision.kind.revised',
  merged: 'decision.kind.merged',
  postponed: 'decision.kind.postponed',
  withdrawn: 'decision.kind.withdrawn',
  'not-treated': 'decision.kind.notTreated',
};
