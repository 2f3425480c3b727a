import type { MenuLink } from '../../platform/ui/menus.ts';
import { defineSlot } from '../../platform/ui/slots.ts';
import type { GroupDetail } from './service.ts';

/** Under the page header, first: the meetings ahead. */
export const groupMain = defineSlot<GroupDetail>('group.main');
/** Beside "Edit the group", for whoever may manage it: what else they can do (plan a meeting). */
export const groupAdminActions = defineSlot<GroupDetail, MenuLink[]>('group.admin-actions');
/** In the page's last line, before the JSON: the group's other forms (its calendar feed). */
export const groupLinks = defineSlot<GroupDetail, MenuLink[]>('group.links');
/** After the contact details: the group's documents, its mailing list. */
export const groupSections = defineSlot<GroupDetail>('group.sections');
