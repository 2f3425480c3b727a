import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../test/support/actors.ts';
import { authorize, may } from '../../platform/policy.ts';
import { recordDecisions } from './policies.ts';

describe('decision policies', () => {
  it.each([
    ['nobody', null, false, false],
    ['a delegate', actorOf(1, 'participant'), false, false],
    ['an officer in office of the group', actorOf(2, 'participant'), true, true],
    ['the secretariat', actorOf(3, 'secretariat'), false, true],
  ] as const)('record decisions: %s → %s', (_who, actor, officer, allowed) => {
    expect(may(actor, recordDecisions, { officer })).toBe(allowed);
  });

  it('asks nobody to sign in, and refuses a delegate', () => {
    expect(() => authorize(null, recordDecisions, { officer: false })).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => authorize(actorOf(1, 'participant'), recordDecisions, { officer: false })).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });
});
