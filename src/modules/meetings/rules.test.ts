import { describe, expect, it } from 'vitest';
import {
  type ContributionDeadlines,
  classesInUse,
  contributionClassAt,
  deadlineState,
  deadlineWarnings,
  defaultDeadlineRules,
  defaultDeadlines,
  firstDay,
  hasEnded,
  resolveContributionDeadlines,
  resolveDeadlines,
} from './rules.ts';

const fgmvSessions = [
  { startDate: '2023-05-09', endDate: '2023-05-10' }, // WG5
  { startDate: '2023-05-09', endDate: '2023-05-09' }, // WG6
];

describe('deadline defaults', () => {
  it('reproduces the FG-MV May 2023 deadlines from the default rules', () => {
    expect(defaultDeadlines(firstDay(fgmvSessions)!, defaultDeadlineRules)).toEqual({
      visaSupport: '2023-04-14',
      registration: '2023-04-21',
      contributions: '2023-05-02',
    });
  });

  it('follows a group’s own rules', () => {
    expect(defaultDeadlines('2024-01-31', { visaSupportDays: 60, registrationDays: 30, contributionsDays: 12 })).toEqual({
      visaSupport: '2023-12-02',
      registration: '2024-01-01',
      contributions: '2024-01-19',
    });
  });

  it('lets explicit dates win over the rules', () => {
    expect(resolveDeadlines('2023-05-09', defaultDeadlineRules, { registration: '2023-04-28' })).toEqual({
      visaSupport: '2023-04-14',
      registration: '2023-04-28',
      contributions: '2023-05-02',
    });
  });

  it('takes the earliest session as the first day', () => {
    expect(firstDay([{ startDate: '2023-05-10', endDate: '2023-05-10' }, ...fgmvSessions])).toBe('2023-05-09');
    expect(firstDay([])).toBeUndefined();
  });
});

describe('deadline warnings', () => {
  const ok = { visaSupport: '2023-04-14', registration: '2023-04-21', contributions: '2023-05-02' };
  it.each([
    ['coherent deadlines', ok, []],
    ['visa after registration', { ...ok, visaSupport: '2023-04-25' }, ['visa-after-registration']],
    ['contributions on the first day', { ...ok, contributions: '2023-05-09' }, ['deadline-after-first-day:contributions']],
    ['registration after the first day', { ...ok, registration: '2023-05-12' }, ['deadline-after-first-day:registration']],
  ])('%s', (_name, deadlines, expected) => {
    const codes = deadlineWarnings(deadlines, '2023-05-09').map((w) =>
      w.code === 'deadline-after-first-day' ? `${w.code}:${w.deadline}` : w.code,
    );
    expect(codes).toEqual(expected);
  });

  const classes: ContributionDeadlines = { translation: null, normal: '2023-05-02', late: 'flag', lateUntil: null, tooLate: 'refuse' };
  it.each([
    ['no class dates', classes, []],
    ['translation before the normal deadline', { ...classes, translation: '2023-03-25' }, []],
    ['translation after it', { ...classes, translation: '2023-05-03' }, ['class-dates-out-of-order']],
    ['late window ending before it', { ...classes, lateUntil: '2023-05-01' }, ['class-dates-out-of-order']],
  ] as const)('class dates: %s', (_name, dates, expected) => {
    expect(deadlineWarnings(ok, '2023-05-09', dates).map((w) => w.code)).toEqual(expected);
  });
});

describe('deadline state', () => {
  it.each([
    ['2023-04-19T10:00:00Z', 'open', 2],
    ['2023-04-21T00:00:00Z', 'open', 0], // 02:00 in Geneva on the last day
    ['2023-04-21T21:59:59Z', 'open', 0], // 23:59:59 in Geneva
    ['2023-04-21T22:00:00Z', 'closed', undefined], // midnight in Geneva
    ['2023-05-01T00:00:00Z', 'closed', undefined],
  ])('at %s the 21 April deadline is %s', (now, state, daysLeft) => {
    const s = deadlineState('2023-04-21', 'Europe/Zurich', new Date(now));
    expect(s.state).toBe(state);
    if (s.state === 'open') expect(s.daysLeft).toBe(daysLeft);
  });
});

describe('a meeting has ended', () => {
  it.each([
    ['during its last day in Geneva', '2023-05-10T21:59:00Z', 'Europe/Zurich', false],
    ['once its last day is over in Geneva', '2023-05-10T22:00:00Z', 'Europe/Zurich', true],
    ['still the last day in Los Angeles when it is over in Geneva', '2023-05-11T06:00:00Z', 'America/Los_Angeles', false],
    ['the day after in Tokyo', '2023-05-10T15:00:00Z', 'Asia/Tokyo', true],
  ])('%s', (_name, now, timeZone, ended) => {
    expect(hasEnded('2023-05-10', timeZone, new Date(now))).toBe(ended);
  });

  it('never, without sessions', () => {
    expect(hasEnded('', 'Europe/Zurich', new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('contribution deadline classes', () => {
  // ITU-like rules for a meeting starting Monday 22 April 2024 in Geneva (UTC+2): translation 45 days, normal 12.
  const geneva: ContributionDeadlines = {
    translation: '2024-03-08',
    normal: '2024-04-10',
    late: 'flag',
    lateUntil: '2024-04-21',
    tooLate: 'hold-over',
  };
  it.each([
    // End of 8 March in Geneva (UTC+1 then) is 23:00 UTC.
    ['2024-03-08T22:59:59Z', geneva, 'translation'],
    ['2024-03-08T23:00:00Z', geneva, 'normal'],
    // End of 10 April (UTC+2, summer time) is 22:00 UTC.
    ['2024-04-10T21:59:59Z', geneva, 'normal'],
    ['2024-04-10T22:00:00Z', geneva, 'late'],
    ['2024-04-21T21:59:59Z', geneva, 'late'],
    ['2024-04-21T22:00:00Z', geneva, 'too-late'],
    // No translation class: early ones are normal; late with no end is never too late.
    ['2024-01-01T00:00:00Z', { ...geneva, translation: null }, 'normal'],
    ['2025-01-01T00:00:00Z', { ...geneva, lateUntil: null }, 'late'],
    // No late window: too late right after the normal deadline.
    ['2024-04-10T22:00:00Z', { ...geneva, late: 'refuse', lateUntil: null }, 'too-late'],
    // A translation date after the normal one means nothing.
    ['2024-04-11T00:00:00Z', { ...geneva, translation: '2024-04-15' }, 'late'],
  ] as const)('at %s → %s', (now, dates, expected) => {
    expect(contributionClassAt(dates, 'Europe/Zurich', new Date(now))).toBe(expected);
  });

  it('closes at the end of the day in the meeting’s own time zone', () => {
    const tokyo = { ...geneva, translation: null };
    // End of 10 April in Tokyo (UTC+9) is 15:00 UTC.
    expect(contributionClassAt(tokyo, 'Asia/Tokyo', new Date('2024-04-10T14:59:59Z'))).toBe('normal');
    expect(contributionClassAt(tokyo, 'Asia/Tokyo', new Date('2024-04-10T15:00:00Z'))).toBe('late');
  });

  it.each([
    [geneva, ['translation', 'normal', 'late', 'too-late']],
    [{ ...geneva, translation: null, lateUntil: null }, ['normal', 'late']],
    [{ ...geneva, translation: null, late: 'refuse', lateUntil: null }, ['normal', 'too-late']],
  ] as const)('uses only the classes its dates give (%o)', (dates, expected) => {
    expect(classesInUse(dates)).toEqual(expected);
  });

  it('takes the group’s rules where the meeting gives nothing, the meeting’s dates where it does', () => {
    const rules = {
      ...defaultDeadlineRules,
      contributionsDays: 12,
      translationDays: 45,
      lateUntilDays: 1,
      tooLateContributions: 'hold-over' as const,
    };
    expect(resolveContributionDeadlines('2024-04-22', '2024-04-10', rules, {})).toEqual(geneva);
    expect(resolveContributionDeadlines('2024-04-22', '2024-04-10', rules, { translation: '2024-03-01', late: 'refuse' })).toEqual({
      translation: '2024-03-01',
      normal: '2024-04-10',
      late: 'refuse',
      lateUntil: null,
      tooLate: 'hold-over',
    });
    // A group with no class rules keeps what meetings did before: late accepted for good, no translation class.
    expect(resolveContributionDeadlines('2024-04-22', '2024-04-10', defaultDeadlineRules, {})).toEqual({
      translation: null,
      normal: '2024-04-10',
      late: 'flag',
      lateUntil: null,
      tooLate: 'refuse',
    });
  });
});
