import type { DeadlineRules } from './schema.ts';

/** A new group's deadlines, as the FG-MV May 2023 meeting had them: 25, 18 and 7 days before the first day. */
export const defaultDeadlineRules: DeadlineRules = { visaSupportDays: 25, registrationDays: 18, contributionsDays: 7 };
