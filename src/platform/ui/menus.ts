import type { Actor } from '../actor.ts';
import type { MessageKey } from '../i18n/index.ts';
import { definePlugPoint } from '../modules/extensions.ts';
import { defineSlot } from './slots.ts';

/** A link a module adds to another's menu or row of actions. */
export interface MenuLink {
  href: string;
  label: string;
}

/** The secretariat console's menu: each module adds the pages it offers the secretariat. */
export const secretariatMenu = defineSlot<null, MenuLink[]>('secretariat.menu');

/** An entry of the site's header: a module's page, for whom it is offered, in an order among the others. */
export interface NavItem {
  href: string;
  label: MessageKey;
  order: number;
  /** Offered only to those it says (the console to the secretariat); to everyone when absent. */
  offeredTo?: (actor: Actor | null) => boolean;
}

/** The header's main links (groups, search, the console): modules plug in their entries. */
export const mainNav = definePlugPoint<NavItem>('ui.main-nav');
/** The footer's links (the privacy notice): modules plug in their entries. */
export const footerLinks = definePlugPoint<NavItem>('ui.footer');
/** The signed-in person's menu (my registrations, my account): modules plug in their entries. */
export const personMenu = definePlugPoint<NavItem>('ui.person-menu');
