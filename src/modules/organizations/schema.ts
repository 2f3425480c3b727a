import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { vocabularyCheck } from '../../platform/db/checks.ts';
import { createdAt, localized, updatedAt } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/schema.ts';
import { type OrganizationCategory, organizationCategories } from './vocabulary.ts';

/** A Member State administration, Sector Member, Associate or academic institution, whose people register. */
export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    name: localized('name'),
    /** ISO 3166-1 alpha-2; empty for an international organization. */
    country: text('country').notNull().default(''),
    category: text('category').$type<OrganizationCategory>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    vocabularyCheck('organizations_category_check', t.category, organizationCategories),
    // One organization of a name per country: its English name, case and spacing aside.
    uniqueIndex('organizations_name_country_key').on(sql`lower(btrim(${t.name}->>'en'))`, t.country),
  ],
);

/** Who belongs to which organization (one each), and who are its focal points. */
export const organizationMembers = pgTable(
  'organization_members',
  {
    accountId: integer('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** ITU's Designated Focal Point: approves the organization's registrations and registers its delegates. */
    focalPoint: boolean('focal_point').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('organization_members_organization_idx').on(t.organizationId)],
);
