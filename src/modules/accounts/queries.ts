import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { accounts } from './schema.ts';

/** How other modules address and greet a person. */
interface PersonContact {
  id: number;
  email: string;
  givenName: string;
  preferredLanguage: string | null;
  category: string;
}

/** The contact details of the accounts `ids`, by id (unknown ids left out). */
export async function contactsOf(ctx: AppContext, ids: number[], db: DbOrTx = ctx.db): Promise<Map<number, PersonContact>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: accounts.id,
      email: accounts.email,
      givenName: accounts.givenName,
      preferredLanguage: accounts.preferredLanguage,
      category: accounts.category,
    })
    .from(accounts)
    .where(inArray(accounts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
