import { defineSlot } from '../../platform/ui/slots.ts';
import type { DocumentView } from './reading.ts';

/** On a document's page, after its facts: where it is used (the agenda items it is allocated to, the documents decisions link it to). */
export const documentUses = defineSlot<DocumentView>('document.uses');
