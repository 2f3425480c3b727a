import type { LatePolicy } from '../meetings/vocabulary.ts';
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

/**
 * A submission before the deadline's end is on time. After it, the meeting's policy refuses it or
 * accepts it flagged late; the secretariat and the group's officers may always submit (flagged).
 */
export function submissionTiming(now: Date, closesAt: Date, policy: LatePolicy, staff: boolean): 'on-time' | 'late' | 'refused' {
  if (now < closesAt) return 'on-time';
  return policy === 'flag' || staff ? 'late' : 'refused';
}

/** Which document types a person may submit: participants send contributions; staff every type. */
export const submittableTypes = (staff: boolean): readonly DocumentType[] => (staff ? documentTypes : ['I']);

export const canReadDocuments = (access: string, signedIn: boolean) => access === 'public' || signedIn;
