import type { Translate } from '../../platform/i18n/index.ts';
import { addDays, dateInZone, daysBetween, deadlineClosesAt } from '../../platform/time.ts';
import type { DeadlineRules } from '../groups/schema.ts';
import {
  type ContributionClass,
  type DeadlineKind,
  deadlineKinds,
  deadlineLabel,
  type LatePolicy,
  type TooLatePolicy,
} from './vocabulary.ts';

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

/**
 * The dates of a meeting's contribution deadline classes (see schema.ts): the translation deadline (null: no
 * such class), the normal one, what follows it (`late`: 'flag' accepts flagged late until `lateUntil`, null
 * for no end; 'refuse' makes everything after the normal deadline too late) and the fate of a too-late one.
 */
export interface ContributionDeadlines {
  translation: string | null;
  normal: string;
  late: LatePolicy;
  lateUntil: string | null;
  tooLate: TooLatePolicy;
}

/** What a meeting form or API call may give for the classes; whatever it leaves out takes the group's rule. */
interface ClassChoices {
  translation?: string | null;
  lateUntil?: string | null;
  late?: LatePolicy;
  tooLate?: TooLatePolicy;
}

/** A meeting's class dates: explicit values win, the rest come from the group's rules (no translation class, late accepted with no end, too-late refused when the group sets nothing). */
export function resolveContributionDeadlines(
  first: string,
  normal: string,
  rules: DeadlineRules,
  given: ClassChoices,
): ContributionDeadlines {
  const fromRule = (days: number | undefined) => (days === undefined ? null : addDays(first, -days));
  const late = given.late ?? rules.lateContributions ?? 'flag';
  return {
    translation: given.translation || fromRule(rules.translationDays),
    normal,
    late,
    lateUntil: late === 'flag' ? given.lateUntil || fromRule(rules.lateUntilDays) : null,
    tooLate: given.tooLate ?? rules.tooLateContributions ?? 'refuse',
  };
}

/**
 * The class of a contribution that arrives at `now`: before the end of the translation deadline's day (in the
 * meeting's time zone) 'translation', then 'normal' until the end of the normal deadline's, then 'late' while
 * late ones are accepted (until the end of `lateUntil`'s day, or for good), 'too-late' after.
 */
export function contributionClassAt(d: ContributionDeadlines, timeZone: string, now: Date): ContributionClass {
  const before = (date: string) => now.getTime() < deadlineClosesAt(date, timeZone).getTime();
  if (d.translation && d.translation <= d.normal && before(d.translation)) return 'translation';
  if (before(d.normal)) return 'normal';
  if (d.late === 'flag' && (d.lateUntil === null || before(d.lateUntil))) return 'late';
  return 'too-late';
}

/** The classes a meeting uses, in order: translation only with its date, too-late only when late ones are not accepted for good. */
export function classesInUse(d: ContributionDeadlines): ContributionClass[] {
  return [
    ...(d.translation && d.translation <= d.normal ? (['translation'] as const) : []),
    'normal',
    ...(d.late === 'flag' ? (['late'] as const) : []),
    ...(d.late === 'refuse' || d.lateUntil !== null ? (['too-late'] as const) : []),
  ];
}

/** What happens after the normal contribution deadline, in one or two sentences ("…accepted until 21 April… held over…"). */
export function afterDeadlineText(d: ContributionDeadlines, t: Translate, date: (iso: string) => string): string {
  if (d.late === 'refuse')
    return t(d.tooLate === 'hold-over' ? 'contributionClasses.noLate.hold-over' : 'contributionClasses.noLate.refuse');
  if (d.lateUntil === null) return t('contributionClasses.late.noEnd');
  return [
    t('contributionClasses.late.until', { date: date(d.lateUntil) }),
    t(d.tooLate === 'hold-over' ? 'contributionClasses.tooLate.hold-over' : 'contributionClasses.tooLate.refuse'),
  ].join(' ');
}

export type MeetingWarning =
  | { code: 'visa-after-registration' }
  | { code: 'deadline-after-first-day'; deadline: DeadlineKind }
  | { code: 'class-dates-out-of-order' };

/** Warnings do not block saving: the secretariat may have reasons, but should see them. */
export function deadlineWarnings(deadlines: Deadlines, first: string | undefined, classes?: ContributionDeadlines): MeetingWarning[] {
  const warnings: MeetingWarning[] = [];
  if (deadlines.visaSupport > deadlines.registration) warnings.push({ code: 'visa-after-registration' });
  // A translation date after the normal one, or a late window ending before it, means nothing (contributionClassAt ignores it).
  if (
    classes &&
    ((classes.translation && classes.translation > classes.normal) || (classes.lateUntil && classes.lateUntil < classes.normal))
  ) {
    warnings.push({ code: 'class-dates-out-of-order' });
  }
  if (first) {
    for (const kind of deadlineKinds) {
      if (deadlines[kind] >= first) warnings.push({ code: 'deadline-after-first-day', deadline: kind });
    }
  }
  return warnings;
}

/** A warning in words. */
export function warningText(w: MeetingWarning, t: Translate): string {
  if (w.code === 'visa-after-registration') return t('warning.visaAfterRegistration');
  if (w.code === 'class-dates-out-of-order') return t('warning.classDatesOutOfOrder');
  return t('warning.deadlineAfterFirstDay', { deadline: t(deadlineLabel[w.deadline]) });
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
