import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../test/support/actors.ts';
import type { Actor } from '../../platform/actor.ts';
import { may } from '../../platform/policy.ts';
import { manageVisas, readVisaLetter } from './policies.ts';

const person = (id: number, role: Actor['role'] = 'participant'): Actor => actorOf(id, role);
const secretariat = person(1, 'secretariat');

describe('visa policies', () => {
  it('manageVisas: the secretariat only', () => {
    expect([null, person(5), secretariat].map((a) => may(a, manageVisas, undefined))).toEqual([false, false, true]);
  });
});

describe('visa letter policy', () => {
  it.each([
    ['its registrant, valid', person(5), true, true],
    ['its registrant, withdrawn', person(5), false, false],
    ['the secretariat, withdrawn', secretariat, false, true],
    ['another participant', person(6), true, 'hide'],
    ['nobody', null, true, 'hide'],
  ] as const)('%s → %s', (_who, actor, letterValid, verdict) => {
    expect(readVisaLetter.decide(actor, { accountId: 5, letterValid })).toBe(verdict);
  });
});
