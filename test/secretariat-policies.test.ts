import { describe, expect, it } from 'vitest';
import { editAgenda } from '../src/modules/agendas/policies.ts';
import { manageCirculars } from '../src/modules/circulars/policies.ts';
import { openConsole } from '../src/modules/console/policies.ts';
import { manageMailingList } from '../src/modules/mailing-lists/policies.ts';
import { manageMeetings } from '../src/modules/meetings/policies.ts';
import { manageRemoteAccess } from '../src/modules/remote/policies.ts';
import type { Actor } from '../src/platform/actor.ts';
import { authorize, may } from '../src/platform/policy.ts';
import { actorOf } from './support/actors.ts';

const person = (role: Actor['role']): Actor => actorOf(3, role);

describe.each([manageMeetings, manageCirculars, openConsole, manageRemoteAccess, manageMailingList])('$name', (action) => {
  it.each([
    ['nobody', null, false, 401],
    ['a participant', person('participant'), false, 403],
    ['the secretariat', person('secretariat'), true, 0],
  ] as const)('%s: allowed %s', (_who, actor, allowed, status) => {
    expect(may(actor, action, undefined)).toBe(allowed);
    if (status) expect(() => authorize(actor, action, undefined)).toThrow(expect.objectContaining({ status }));
    else expect(() => authorize(actor, action, undefined)).not.toThrow();
  });
});

describe('agendas.edit', () => {
  it.each([
    ['nobody named as officer', null, true, false],
    ['a participant', person('participant'), false, false],
    ['an officer in office', person('participant'), true, true],
    ['the secretariat', person('secretariat'), false, true],
  ] as const)('%s: allowed %s', (_who, actor, officer, allowed) => {
    expect(may(actor, editAgenda, { officer })).toBe(allowed);
  });
});
