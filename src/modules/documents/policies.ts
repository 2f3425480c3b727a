import { defineAction, isSecretariat } from '../../platform/policy.ts';
import type { DocumentAccess } from '../groups/vocabulary.ts';
import { submittableTypes } from './rules.ts';
import type { DocumentType } from './vocabulary.ts';

/** A group's documents: anyone when public, people signed in when `signed-in`. */
export const readDocuments = defineAction<{ access: DocumentAccess | string }>(
  'documents.read',
  (actor, { access }) => access === 'public' || actor !== null,
);

/** A document is edited (details, new revisions, withdrawal) by its submitter and by whoever manages the group's content. */
export const editDocument = defineAction<{ ownerId: number | null; contentManager: boolean }>(
  'documents.edit',
  (actor, { ownerId, contentManager }) => actor !== null && (actor.id === ownerId || contentManager),
);

/** Participants submit contributions (I); the secretariat and the group's officers every type. */
export const submitDocumentOfType = defineAction<{ type: DocumentType; contentManager: boolean }>(
  'documents.submit-type',
  (actor, { type, contentManager }) => actor !== null && submittableTypes(contentManager).includes(type),
);

/** The group's own contribution template, and contributions arriving by mail: the secretariat. */
export const manageDocumentIntake = defineAction('documents.manage-intake', (actor) => isSecretariat(actor));
