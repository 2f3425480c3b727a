import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, check } from 'drizzle-orm/pg-core';

/** A string as an SQL literal, quotes doubled. Only for the code's own vocabularies, never for input. */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** `column IN ('a', 'b', …)`: true for the vocabulary's values (and for NULL, as CHECK constraints go). */
export function inVocabulary(column: AnyPgColumn, values: readonly string[]): SQL {
  if (values.length === 0) throw new Error('A vocabulary has at least one value');
  return sql`${column} IN (${sql.raw(values.map(sqlString).join(', '))})`;
}

/** A jsonb array whose every element is one of the vocabulary's values (an empty array too). */
export function jsonbArrayInVocabulary(column: AnyPgColumn, values: readonly string[]): SQL {
  if (values.length === 0) throw new Error('A vocabulary has at least one value');
  return sql`jsonb_typeof(${column}) = 'array' AND ${column} <@ ${sql.raw(sqlString(JSON.stringify(values)))}::jsonb`;
}

/** The CHECK constraint that makes the database refuse a value outside the vocabulary. */
export const vocabularyCheck = (name: string, column: AnyPgColumn, values: readonly string[]) => check(name, inVocabulary(column, values));
