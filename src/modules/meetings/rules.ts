import { addDays, dateInZone, daysBetween, deadlineClosesAt } from '../../platform/time.ts';
import type { DeadlineRules } from '../groups/schema.ts';
import { type DeadlineKind, deadlineKinds } from './vocabulary.ts';

export type Deadlines = Record<DeadlineKind, string>;

export { defaultDeadlineRules } from '../groups/rules.ts';

interface SessionDates {
  startDate: string;
  endDate: string;
}

/** The meeting's first day is its earliest session start; undefined without sessions. */
export function firstDay(sessions: readonly SessionDates[]): string | undefined {
  return sessions.map((s) => s.startDate).sort()[0];
}

export function lastDay(sessions: readonly SessionDates[]): string | undefined {
  return sessions
    .map((s) => s.endDate)
    .sort()
    .at(-1);
}

export function defaultDeadlines(first: string, rules: DeadlineRules): Deadlines {
  return {
    visaSupport: addDays(first, -rules.visaSupportDays),
    registration: addDays(first, -rules.registrationDays),
    contributions: addDays(first, -rules.contributionsDays),
  };
}

/** Explicit dates win; a missing one takes the group's rule. */
export function resolveDeadlines(first: string, rules: DeadlineRules, explicit: Partial<Deadlines>): Deadlines {
  const defaults = defaultDeadlines(first, rules);
  return {
    visaSupport: explicit.visaSupport || defaults.visaSupport,
    registration: explicit.registration || defaults.registration,
    contributions: explicit.contributions || defaults.contributions,
  };
}

export type MeetingWarning = { code: 'visa-after-registration' } | { code: 'deadline-after-first-day'; deadline: DeadlineKind };

/** Warnings do not block saving: the secretariat may have reasons, but should see them. */
export function deadlineWarnings(deadlines: Deadlines, first: string | undefined): MeetingWarning[] {
  const warnings: MeetingWarning[] = [];
  if (deadlines.visaSupport > deadlines.registration) warnings.push({ code: 'visa-after-registration' });
  if (first) {
    for (const kind of deadlineKinds) {
      if (deadlines[kind] >= first) warnings.push({ code: 'deadline-after-first-day', deadline: kind });
    }
  }
  return warnings;
}

type DeadlineState = { state: 'open'; daysLeft: number; closesAt: Date } | { state: 'closed'; closesAt: Date };

/**
 * Whether a deadline is still open at `now`, and how many calendar days remain in the venue's time
 * zone (0 = closes at the end of today there).
 */
export function deadlineState(date: string, timeZone: string, now: Date): DeadlineState {
  const closesAt = deadlineClosesAt(date, timeZone);
  if (now.getTime() >= closesAt.getTime()) return { state: 'closed', closesAt };
  return { state: 'open', daysLeft: daysBetween(dateInZone(now, timeZone), date), closesAt };
}

/** A meeting has ended once its last day is over in its own time zone (a meeting without sessions never has). */
export const hasEnded = (lastDay: string, timeZone: string, now: Date): boolean => lastDay !== '' && lastDay < dateInZone(now, timeZone);
