import { describe, expect, it } from 'vitest';
import { actorOf } from '../../../test/support/actors.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorizeRead, may } from '../../platform/policy.ts';
import { editDocument, manageDocumentIntake, readDocuments, submitDocumentOfType } from './policies.ts';

const person = (id: number, role: Actor['role'] = 'participant'): Actor => actorOf(id, role);

describe('document policies', () => {
  it.each([
    ['public', null, true],
    ['public', person(1), true],
    ['signed-in', null, false],
    ['signed-in', person(1), true],
  ] as const)('read %s documents as %o → %s', (access, actor, allowed) => {
    expect(may(actor, readDocuments, { access })).toBe(allowed);
  });

  it('asks nobody to sign in for signed-in documents', () => {
    expect(() => authorizeRead(null, readDocuments, { access: 'signed-in' })).toThrow(expect.objectContaining({ status: 401 }));
  });

  it.each([
    ['nobody', null, 5, false, false],
    ['the submitter', person(5), 5, false, true],
    ['another participant', person(6), 5, false, false],
    ['an officer of the group', person(6), 5, true, true],
    ['anyone, on a document whose submitter left', person(6), null, false, false],
  ] as const)('edit: %s → %s', (_who, actor, ownerId, contentManager, allowed) => {
    expect(may(actor, editDocument, { ownerId, contentManager })).toBe(allowed);
  });

  it.each([
    ['I', false, true],
    ['TD', false, false],
    ['O', false, false],
    ['TD', true, true],
    ['O', true, true],
  ] as const)('submit type %s (content manager %s) → %s', (type, contentManager, allowed) => {
    expect(may(person(1), submitDocumentOfType, { type, contentManager })).toBe(allowed);
    expect(may(null, submitDocumentOfType, { type, contentManager })).toBe(false);
  });

  it.each([
    [null, false],
    [person(1), false],
    [person(2, 'secretariat'), true],
  ] as const)('manage intake as %o → %s', (actor, allowed) => {
    expect(may(actor, manageDocumentIntake, undefined)).toBe(allowed);
  });
});
