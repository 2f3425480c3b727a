import { describe, expect, it } from 'vitest';
import { manageCirculars } from '../src/modules/circulars/policies.ts';
import { openConsole } from '../src/modules/console/policies.ts';
import { manageMeetings } from '../src/modules/meetings/policies.ts';
import type { Actor } from '../src/platform/actor.ts';
import { authorize, may } from '../src/platform/policy.ts';

const person = (role: Actor['role']): Actor => ({
  id: 3,
  email: 'x@example.org',
  role,
  givenName: 'X',
  familyName: 'Y',
  emailVerified: true,
  preferredLanguage: null,
});

describe.each([manageMeetings, manageCirculars, openConsole])('$name', (action) => {
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
