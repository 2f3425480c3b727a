import type { DeadlineKind } from '../meetings/vocabulary.ts';
import type { LetterKey } from './text/index.ts';

/** Who a circular is addressed to: keys of a fixed list, in the words of the letter in every language. */
export const addresseeKeys = ['member-states', 'sector-members', 'associates', 'academia'] as const;
export type AddresseeKey = (typeof addresseeKeys)[number];
export const addresseeText: Record<AddresseeKey, LetterKey> = {
  'member-states': 'to.member-states',
  'sector-members': 'to.sector-members',
  associates: 'to.associates',
  academia: 'to.academia',
};

/** Who a circular is copied to. */
export const copyToKeys = ['sg-chairs', 'bdt-director', 'br-director'] as const;
export type CopyToKey = (typeof copyToKeys)[number];
export const copyToText: Record<CopyToKey, LetterKey> = {
  'sg-chairs': 'copy.sg-chairs',
  'bdt-director': 'copy.bdt-director',
  'br-director': 'copy.br-director',
};

/** A deadline as the letter's table of deadlines names it ({code}, {email} filled in by the letter). */
export const deadlineText: Record<DeadlineKind, LetterKey> = {
  visaSupport: 'deadline.visaSupport',
  registration: 'deadline.registration',
  contributions: 'deadline.contributions',
};
