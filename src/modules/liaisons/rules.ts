import type { LiaisonDirection, LiaisonPurpose, LiaisonStatus } from './vocabulary.ts';

/** A statement is replied once a reply links to it; until then one for action is open, one for information needs none. */
export function liaisonStatus(purpose: LiaisonPurpose, replies: number): LiaisonStatus {
  if (replies > 0) return 'replied';
  return purpose === 'information' ? 'no-reply-needed' : 'open';
}

/** The group's officers are reminded this many days before a reply deadline, and on the day itself. */
export const reminderDaysBefore = [7, 0] as const;

/** Only a statement received for action, with a deadline and no reply yet, calls for a reminder. */
export function needsReminder(
  ls: { direction: LiaisonDirection; purpose: LiaisonPurpose; replyDeadline: string | null },
  replies: number,
): boolean {
  return ls.direction === 'incoming' && ls.purpose === 'action' && ls.replyDeadline !== null && replies === 0;
}

/** Who is reminded: the officers in office on `today` who are linked to an account (the others have no address here). */
export function officersToRemind<O extends { accountId: number | null; fromDate: string | null; untilDate: string | null }>(
  officers: O[],
  today: string,
): (O & { accountId: number })[] {
  return officers.filter(
    (o): o is O & { accountId: number } =>
      o.accountId !== null && (o.fromDate === null || o.fromDate <= today) && (o.untilDate === null || o.untilDate >= today),
  );
}

/** A reply answers a statement of the other direction: the group replies to what it received, others to what it sent. */
export const canAnswer = (reply: LiaisonDirection, original: LiaisonDirection) => reply !== original;
