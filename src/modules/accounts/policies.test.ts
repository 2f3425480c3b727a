import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../test/support/actors.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize, may } from '../../platform/policy.ts';
import { revokeToken, turnOffTwoFactor, useOwnAccount } from './policies.ts';

const person = (role: Actor['role'], id = 7): Actor => actorOf(id, role);

describe('account policies', () => {
  it.each([
    ['nobody', null, false],
    ['a participant', person('participant'), true],
    ['the secretariat', person('secretariat'), true],
  ] as const)('useOwnAccount: %s → %s', (_who, actor, allowed) => {
    expect(may(actor, useOwnAccount, undefined)).toBe(allowed);
  });

  it.each([
    ['nobody', null, 'hide'],
    ['its owner', person('participant', 7), true],
    ['another participant', person('participant', 8), 'hide'],
    ['the secretariat', person('secretariat', 9), 'hide'],
  ] as const)('revokeToken of account 7: %s → %s', (_who, actor, verdict) => {
    expect(revokeToken.decide(actor, { ownerId: 7 })).toBe(verdict);
  });

  it.each([
    ['nobody', null, false],
    ['a participant', person('participant'), true],
    ['the secretariat', person('secretariat'), false],
  ] as const)('turnOffTwoFactor: %s → %s', (_who, actor, allowed) => {
    expect(may(actor, turnOffTwoFactor, undefined)).toBe(allowed);
  });

  it("answers 404 for another's token, 401 for nobody", () => {
    expect(() => authorize(person('secretariat', 9), revokeToken, { ownerId: 7 })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => authorize(null, useOwnAccount, undefined)).toThrow(expect.objectContaining({ status: 401 }));
  });
});
