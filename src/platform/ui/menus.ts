import { defineSlot } from './slots.ts';

/** A link a module adds to another's menu or row of actions. */
export interface MenuLink {
  href: string;
  label: string;
}

/** The secretariat console's menu: each module adds the pages it offers the secretariat. */
export const secretariatMenu = defineSlot<null, MenuLink[]>('secretariat.menu');
