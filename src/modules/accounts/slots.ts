import type { Actor } from '../../platform/actor.ts';
import type { MenuLink } from '../../platform/ui/menus.ts';
import { defineSlot } from '../../platform/ui/slots.ts';

/** On a person's account page, beside the data export: the pages where other modules show what they hold of the person. */
export const personalDataLinks = defineSlot<Actor, MenuLink[]>('account.data-links');
