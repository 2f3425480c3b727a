import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { isLocale, type Locale } from '../../platform/i18n/index.ts';
import type { Actor } from './profile.ts';
import { accounts } from './schema.ts';

export type AccountRow = typeof accounts.$inferSelect;

export function toActor(row: AccountRow): Actor {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    givenName: row.givenName,
    familyName: row.familyName,
    emailVerified: row.emailVerifiedAt !== null,
    preferredLanguage: row.preferredLanguage,
  };
}

export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);
export const mailLocale = (row: AccountRow, fallback: Locale): Locale =>
  isLocale(row.preferredLanguage) ? row.preferredLanguage : fallback;

export async function findByEmail(db: DbOrTx, address: string) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, address.trim().toLowerCase()));
  return row;
}
