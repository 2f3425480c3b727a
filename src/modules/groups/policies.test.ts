import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../test/support/actors.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize, may } from '../../platform/policy.ts';
import { manageGroupContent, manageGroups } from './policies.ts';

const person = (role: Actor['role']): Actor => actorOf(7, role);

describe('group policies', () => {
  it.each([
    ['nobody', null, false],
    ['a participant', person('participant'), false],
    ['the secretariat', person('secretariat'), true],
  ] as const)('manageGroups: %s → %s', (_who, actor, allowed) => {
    expect(may(actor, manageGroups, undefined)).toBe(allowed);
  });

  it.each([
    ['nobody, even named as officer', null, true, false],
    ['a participant', person('participant'), false, false],
    ['an officer in office', person('participant'), true, true],
    ['the secretariat', person('secretariat'), false, true],
  ] as const)('manageGroupContent: %s → %s', (_who, actor, officer, allowed) => {
    expect(may(actor, manageGroupContent, { officer })).toBe(allowed);
  });

  it('authorize answers 401 to nobody and 403 to a participant', () => {
    expect(() => authorize(null, manageGroups, undefined)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => authorize(person('participant'), manageGroups, undefined)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => authorize(person('secretariat'), manageGroups, undefined)).not.toThrow();
  });
});
