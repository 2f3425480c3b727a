import pg from 'pg';
import { randomToken, sha256 } from '../../src/platform/crypto.ts';

/** One statement on a connection of its own (a server being restarted may drop it: errors are the caller's). */
export async function query<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end().catch(() => {});
  }
}

/** `count` verified people with one API token each, written directly (hashing passwords would take minutes). */
export async function preparePeople(url: string, count: number, label: string): Promise<{ email: string; token: string }[]> {
  const people = Array.from({ length: count }, (_, i) => ({
    email: `${label.toLowerCase()}-${i}@example.org`,
    token: randomToken('cvn_'),
  }));
  await query(
    url,
    `WITH input AS (SELECT * FROM unnest($1::text[], $2::text[]) AS t(email, token_hash)),
     a AS (INSERT INTO accounts (email, password_hash, given_name, family_name, category, email_verified_at)
           SELECT email, 'x', $3, email, 'member-state', now() FROM input RETURNING id, email)
     INSERT INTO api_tokens (account_id, token_hash, name) SELECT a.id, input.token_hash, $4 FROM a JOIN input USING (email)`,
    [people.map((p) => p.email), people.map((p) => sha256(p.token)), label, label.toLowerCase()],
  );
  return people;
}
