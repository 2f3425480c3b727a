import { PgDialect, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { inVocabulary, jsonbArrayInVocabulary, sqlString } from './checks.ts';

const things = pgTable('things', { status: text('status'), tags: text('tags') });
const render = (sql: Parameters<PgDialect['sqlToQuery']>[0]) => new PgDialect().sqlToQuery(sql);

describe('sqlString', () => {
  it.each([
    ['queued', "'queued'"],
    ['', "''"],
    ["it's", "'it''s'"],
    ["''", "''''''"],
    ['["en","fr"]', `'["en","fr"]'`],
  ])('%j → %s', (value, expected) => {
    expect(sqlString(value)).toBe(expected);
  });
});

describe('inVocabulary', () => {
  it.each([
    [['a'], `"things"."status" IN ('a')`],
    [['registered', 'waitlisted', 'cancelled'], `"things"."status" IN ('registered', 'waitlisted', 'cancelled')`],
    [['', 'Dr'], `"things"."status" IN ('', 'Dr')`],
    [["o'clock"], `"things"."status" IN ('o''clock')`],
  ])('%j', (values, expected) => {
    // The values are written into the statement, never parameters: a CHECK constraint can have none.
    expect(render(inVocabulary(things.status, values))).toEqual({ sql: expected, params: [] });
  });

  it('refuses an empty vocabulary', () => {
    expect(() => inVocabulary(things.status, [])).toThrow(/at least one value/);
  });
});

describe('jsonbArrayInVocabulary', () => {
  it('is a jsonb array contained in the list', () => {
    expect(render(jsonbArrayInVocabulary(things.tags, ['en', 'fr']))).toEqual({
      sql: `jsonb_typeof("things"."tags") = 'array' AND "things"."tags" <@ '["en","fr"]'::jsonb`,
      params: [],
    });
  });

  it('refuses an empty vocabulary', () => {
    expect(() => jsonbArrayInVocabulary(things.tags, [])).toThrow(/at least one value/);
  });
});
