import type { Actor } from '../../platform/actor.ts';
import type { MenuLink } from '../../platform/ui/menus.ts';
import { defineSlot } from '../../platform/ui/slots.ts';

/** On a person's account page, beside the data export: the pages where other modules show what they hold of the person. */
export const personalDataLinks = defineSlot<Actor, MenuLink[]>('account.data-links');

/** A kind of personal data a module keeps, as the privacy notice tells it: what it is, who sees it, how long it stays. */
export interface PrivacySection {
  heading: string;
  what: string;
  who: string;
  howLong: string;
}

/** The privacy notice's sections after the account's: each module tells what it keeps of a person. */
export const privacySections = defineSlot<null, PrivacySection>('privacy.sections');

/** A figure on the home page for those who deal with it (visa requests waiting): the number, what it counts, where to go. */
export interface HomeFigure {
  value: number;
  label: string;
  href: string;
}

/** The home page's figures: each module gives those of its queues the reader deals with. */
export const homeFigures = defineSlot<null, HomeFigure[]>('home.figures');
/** The home page's sections, for the reader: their meetings, the upcoming meetings. */
export const homeSections = defineSlot<null>('home.sections');
