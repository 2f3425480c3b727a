import { getTableName, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { findByEmail, toActor } from './account-row.ts';
import type { Actor } from './profile.ts';
import { accounts, apiTokens, auditEvents } from './schema.ts';

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

/**
 * For a statement of another module's: the account holding the API token whose hash is `$hashParam`, as rows of
 * (id, email, token_id, last_used_at).
 */
export const tokenHolderSql = (hashParam: string) =>
  `SELECT a.${accounts.id.name}, a.${accounts.email.name}, t.${apiTokens.id.name} AS token_id, t.${apiTokens.lastUsedAt.name} AS last_used_at` +
  ` FROM ${getTableName(apiTokens)} t JOIN ${getTableName(accounts)} a ON a.${accounts.id.name} = t.${apiTokens.accountId.name}` +
  ` WHERE t.${apiTokens.tokenHash.name} = ${hashParam}`;

/**
 * The people behind accounts, for another module's list to join and filter on (a meeting's registrations by
 * name, organization, country or category) without reading the accounts table itself.
 */
export const people = (db: DbOrTx) =>
  db
    .select({
      id: accounts.id,
      email: accounts.email,
      title: accounts.title,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
      organization: accounts.organization,
      country: accounts.country,
      category: accounts.category,
      preferredLanguage: accounts.preferredLanguage,
    })
    .from(accounts)
    .as('people');

type AuditEvent = { actorId: number | null; action: string; subject: string; details?: Record<string, unknown>; at: Date };

/** Records audit events on `db` (a transaction's, so they commit or roll back with what they record). */
export async function recordAudit(db: DbOrTx, events: AuditEvent | AuditEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  for (let i = 0; i < list.length; i += 500) await db.insert(auditEvents).values(list.slice(i, i + 500));
}

export async function findActorByEmail(ctx: AppContext, address: string): Promise<Actor | null> {
  const row = await findByEmail(ctx.db, address);
  return row ? toActor(row) : null;
}
