import type { ContributionClass, TooLatePolicy } from '../meetings/vocabulary.ts';
import { type DocumentType, documentTypes } from './vocabulary.ts';

/** The group's prefix, or one made from its code ("FG-MV" → "FGMV"). */
export function documentPrefix(group: { documentPrefix: string; code: string }): string {
  return group.documentPrefix || group.code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/** FGMV-I-001; past 999 the number simply grows (FGMV-I-1000). */
export function documentNumber(prefix: string, type: DocumentType, seq: number): string {
  return `${prefix}-${type}-${String(seq).padStart(3, '0')}`;
}

/** "" for the original, "Rev.1", "Rev.2" … after. */
export const revisionLabel = (revision: number) => (revision > 0 ? `Rev.${revision}` : '');

/** What becomes of a submission: accepted in its class for the meeting asked, refused, or held over to the next meeting. */
export type SubmissionOutcome =
  | { fate: 'accept'; deadlineClass: ContributionClass }
  | { fate: 'refuse' }
  | { fate: 'hold-over'; deadlineClass: 'too-late' };

/**
 * A submission in the class the clock gives it (meetings/rules.ts contributionClassAt) is accepted in it unless
 * too late: then the meeting's policy refuses it or holds it over to the group's next meeting. The secretariat
 * and the group's officers may always submit to the meeting they ask, flagged late.
 */
export function submissionOutcome(deadlineClass: ContributionClass, tooLate: TooLatePolicy, staff: boolean): SubmissionOutcome {
  if (deadlineClass !== 'too-late') return { fate: 'accept', deadlineClass };
  if (staff) return { fate: 'accept', deadlineClass: 'late' };
  return tooLate === 'hold-over' ? { fate: 'hold-over', deadlineClass } : { fate: 'refuse' };
}

/** Which document types a person may submit: participants send contributions; staff every type. */
export const submittableTypes = (staff: boolean): readonly DocumentType[] => (staff ? documentTypes : ['I']);

export const canReadDocuments = (access: string, signedIn: boolean) => access === 'public' || signedIn;
