import type { AppContext } from '../context.ts';
import type { Tx } from '../db/index.ts';

/** Whose data: the account, its address, and whether the address is proven (lists know people by address only). */
export interface Person {
  accountId: number;
  email: string;
  emailVerified: boolean;
}

/**
 * What one module holds about a person: its part of the data export (GDPR art. 15/20) and what it removes
 * when the account is deleted, beyond the rows that go with the account by foreign key.
 * A part is either its own top-level key of the export, or attached to each row of another part's list
 * (`attach`: the row's `id` looks up the value, e.g. each registration's visa request).
 */
export interface PersonalData {
  key: string;
  attach?: { to: string; as: string };
  /** The part, JSON-ready; with `attach`, a map from the other part's row id to the value. */
  export: (ctx: AppContext, person: Person) => Promise<unknown>;
  /** Runs inside the deletion's transaction, before the account row goes. */
  erase?: (ctx: AppContext, tx: Tx, person: Person) => Promise<void>;
}

const parts = new Map<string, PersonalData>();

export function registerPersonalData(part: PersonalData): void {
  parts.set(part.key, part);
}

/** Every module's part of a person's export, in the order the modules were wired. */
export async function exportPersonalData(ctx: AppContext, person: Person): Promise<Record<string, unknown>> {
  const list = [...parts.values()];
  const values = await Promise.all(list.map((part) => part.export(ctx, person)));
  const result: Record<string, unknown> = {};
  list.forEach((part, i) => {
    if (!part.attach) result[part.key] = values[i];
  });
  list.forEach((part, i) => {
    if (!part.attach) return;
    const byId = values[i] as Map<number, unknown>;
    const rows = result[part.attach.to];
    if (!Array.isArray(rows)) return;
    for (const row of rows as { id: number }[]) (row as Record<string, unknown>)[part.attach.as] = byId.get(row.id) ?? null;
  });
  return result;
}

export async function erasePersonalData(ctx: AppContext, tx: Tx, person: Person): Promise<void> {
  for (const part of parts.values()) await part.erase?.(ctx, tx, person);
}
