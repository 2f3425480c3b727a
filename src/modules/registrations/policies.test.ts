import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../test/support/actors.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize, may } from '../../platform/policy.ts';
import { approveRegistration, manageRegistrations, passDeadlines, seeApprovals, seeParticipants, useRegistration } from './policies.ts';

const person = (id: number, role: Actor['role'] = 'participant'): Actor => actorOf(id, role);
const secretariat = person(1, 'secretariat');

describe('registration policies', () => {
  it.each([
    ['its person', person(5), true],
    ['the secretariat', secretariat, true],
    ['another participant', person(6), 'hide'],
    ['nobody', null, 'hide'],
  ] as const)('use a registration: %s → %s', (_who, actor, verdict) => {
    expect(useRegistration.decide(actor, { accountId: 5 })).toBe(verdict);
  });

  it('hides another person’s registration behind a 404', () => {
    expect(() => authorize(person(6), useRegistration, { accountId: 5 })).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => authorize(null, useRegistration, { accountId: 5 })).toThrow(expect.objectContaining({ status: 401 }));
  });

  it.each([manageRegistrations, passDeadlines])('$name: the secretariat only', (action) => {
    expect([null, person(5), secretariat].map((a) => may(a, action, undefined))).toEqual([false, false, true]);
  });

  it.each([
    ['public', null, false, true],
    ['public', person(5), false, true],
    ['registered', null, false, false],
    ['registered', person(5), false, false],
    ['registered', person(5), true, true],
    ['secretariat', person(5), true, false],
    ['secretariat', secretariat, false, true],
  ] as const)('participants of a %s list, reader %o, registered %s → %s', (visibility, actor, registered, allowed) => {
    expect(may(actor, seeParticipants, { visibility, registered })).toBe(allowed);
  });

  it.each([
    ['the secretariat', secretariat, null, 7, true],
    ['the secretariat, a person of no organization', secretariat, null, null, true],
    ['a focal point of the person’s organization', person(5), 7, 7, true],
    ['a focal point of another organization', person(5), 8, 7, 'hide'],
    ['a focal point, a person of no organization', person(5), 8, null, 'hide'],
    ['a participant who is no focal point', person(5), null, 7, 'hide'],
    ['a participant, a person of no organization', person(5), null, null, 'hide'],
    ['nobody', null, null, 7, 'hide'],
  ] as const)('approve a registration: %s → %s', (_who, actor, focalPointOf, organizationId, verdict) => {
    expect(approveRegistration.decide(actor, { focalPointOf, organizationId })).toBe(verdict);
  });

  it.each([
    ['the secretariat', secretariat, null, true],
    ['a focal point', person(5), 7, true],
    ['a participant', person(5), null, false],
    ['nobody', null, null, false],
  ] as const)('see the approval queue: %s → %s', (_who, actor, focalPointOf, verdict) => {
    expect(seeApprovals.decide(actor, { focalPointOf })).toBe(verdict);
  });
});
