import { describe, expect, it } from 'vitest';
import { canAnswer, liaisonStatus, needsReminder, officersToRemind, reminderDaysBefore } from './rules.ts';

describe('the status of a liaison statement', () => {
  it.each([
    ['action', 0, 'open'],
    ['action', 1, 'replied'],
    ['action', 3, 'replied'],
    ['information', 0, 'no-reply-needed'],
    ['information', 1, 'replied'],
  ] as const)('%s with %i replies is %s', (purpose, replies, expected) => {
    expect(liaisonStatus(purpose, replies)).toBe(expected);
  });
});

describe('who is reminded of a reply deadline, and when', () => {
  it('reminds a week before and on the day', () => {
    expect([...reminderDaysBefore]).toEqual([7, 0]);
  });

  it.each([
    ['incoming', 'action', '2023-05-01', 0, true],
    ['incoming', 'action', '2023-05-01', 1, false],
    ['incoming', 'action', null, 0, false],
    ['incoming', 'information', '2023-05-01', 0, false],
    ['outgoing', 'action', '2023-05-01', 0, false],
  ] as const)('%s for %s, deadline %s, %i replies: reminded %s', (direction, purpose, replyDeadline, replies, expected) => {
    expect(needsReminder({ direction, purpose, replyDeadline }, replies)).toBe(expected);
  });

  it('reminds the officers in office who have an account', () => {
    const officers = [
      { name: 'chair', accountId: 1, fromDate: null, untilDate: null },
      { name: 'no account', accountId: null, fromDate: null, untilDate: null },
      { name: 'left', accountId: 2, fromDate: '2020-01-01', untilDate: '2023-04-30' },
      { name: 'not yet', accountId: 3, fromDate: '2023-06-01', untilDate: null },
      { name: 'last day', accountId: 4, fromDate: '2023-01-01', untilDate: '2023-05-10' },
    ];
    expect(officersToRemind(officers, '2023-05-10').map((o) => o.name)).toEqual(['chair', 'last day']);
  });

  it.each([
    ['outgoing', 'incoming', true],
    ['incoming', 'outgoing', true],
    ['incoming', 'incoming', false],
    ['outgoing', 'outgoing', false],
  ] as const)('a %s statement answers an %s one: %s', (reply, original, expected) => {
    expect(canAnswer(reply, original)).toBe(expected);
  });
});
