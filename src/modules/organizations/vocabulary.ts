import type { MembershipCategory } from '../accounts/vocabulary.ts';

/** The categories an organization may have: every membership category but the non-member expert's, who stands for none. */
export const organizationCategories = [
  'member-state',
  'sector-member',
  'associate',
  'academia',
] as const satisfies readonly MembershipCategory[];
export type OrganizationCategory = (typeof organizationCategories)[number];
