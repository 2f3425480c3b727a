import { describe, expect, it } from 'vitest';
import { deadlineState, deadlineWarnings, defaultDeadlineRules, defaultDeadlines, firstDay, hasEnded, resolveDeadlines } from './rules.ts';

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
