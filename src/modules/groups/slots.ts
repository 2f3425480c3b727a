import { defineSlot } from '../../platform/ui/slots.ts';
import type { GroupDetail } from './service.ts';

/** After the officers: the group's meetings. */
export const groupMain = defineSlot<GroupDetail>('group.main');
/** After the contact details: the group's documents, its mailing list. */
export const groupSections = defineSlot<GroupDetail>('group.sections');
