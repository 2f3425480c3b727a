import type { MessageKey } from '../../platform/i18n/index.ts';

/** What a participant represents, as ITU counts its members: decides, among others, who may ask for visa support. */
export const membershipCategories = ['member-state', 'sector-member', 'associate', 'academia', 'non-member'] as const;
export type MembershipCategory = (typeof membershipCategories)[number];
export const membershipCategoryLabel: Record<MembershipCategory, MessageKey> = {
  'member-state': 'category.member-state',
  'sector-member': 'category.sector-member',
  associate: 'category.associate',
  academia: 'category.academia',
  'non-member': 'category.non-member',
};

/** What an account may do: the secretariat runs groups and meetings; shown nowhere as a word. */
export { type Role as AccountRole, roles as accountRoles } from '../../platform/actor.ts';

/** The title before a person's name; '' for none. */
export const personalTitles = ['', 'Mr', 'Ms', 'Mx', 'Dr', 'Prof'] as const;
export type PersonalTitle = (typeof personalTitles)[number];
export const personalTitleLabel: Record<PersonalTitle, MessageKey> = {
  '': 'profile.title.none',
  Mr: 'profile.title.Mr',
  Ms: 'profile.title.Ms',
  Mx: 'profile.title.Mx',
  Dr: 'profile.title.Dr',
  Prof: 'profile.title.Prof',
};

/** What a mailed one-time link is for; never shown. */
export const accountTokenPurposes = ['verify-email', 'reset-password'] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];
