import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import { rowsOf } from '../../../platform/db/index.ts';
import { isOneOf } from '../../../platform/vocabulary.ts';
import type { Actor } from '../../accounts/profile.ts';
import { groupCodes, groupsWithPublicDocuments } from '../../groups/queries.ts';
import { documentRevisions, documentSearch, documents } from '../schema.ts';
import { documentTypes } from '../vocabulary.ts';
import { highlight, queryTerms, toTsQuery } from './terms.ts';

interface SearchQuery {
  q: string;
  groupId?: number;
  meetingId?: number;
  type?: string;
  limit?: number;
  offset?: number;
}

interface SearchHit {
  number: string;
  title: string;
  type: string;
  groupCode: string;
  meetingId: number | null;
  withdrawn: boolean;
  latestRevision: number;
  rank: number;
  snippet: { text: string; hit: boolean }[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matches, counted up to 1,000 (`more` when there are more). */
  total: number;
  more: boolean;
}

/** How many of the newest matches are ranked (and counted). */
const CANDIDATES = 500;
/** Paging further than the ranked matches finds nothing. */
export const MAX_SEARCH_OFFSET = CANDIDATES;

/** A whole number within bounds, or the fallback for anything else (NaN, fractions, 1e20). */
const bounded = (value: number | undefined, min: number, max: number, fallback: number) =>
  value !== undefined && Number.isSafeInteger(value) ? Math.min(Math.max(value, min), max) : fallback;

/**
 * Full-text search over numbers, titles, abstracts, keywords, sources and the files' text, ranked
 * (title matches weigh most). Chinese is matched through bigrams (see terms.ts). Documents of
 * groups that publish to signed-in accounts only are left out for anonymous readers.
 */
export async function searchDocuments(ctx: AppContext, actor: Actor | null, query: SearchQuery): Promise<SearchResult> {
  const tsquery = toTsQuery(query.q);
  if (!tsquery) return { hits: [], total: 0, more: false };
  const filters: SQL[] = [];
  if (!actor) filters.push(inArray(documentSearch.groupId, await groupsWithPublicDocuments(ctx)));
  if (query.groupId) filters.push(sql`${documentSearch.groupId} = ${query.groupId}`);
  if (query.meetingId) filters.push(sql`${documentSearch.meetingId} = ${query.meetingId}`);
  if (isOneOf(documentTypes, query.type)) filters.push(sql`${documentSearch.type} = ${query.type}`);
  const where = sql.join([sql`${documentSearch.vector} @@ q.query`, ...filters], sql` AND `);
  const limit = bounded(query.limit, 1, 100, 20);
  const offset = bounded(query.offset, 0, MAX_SEARCH_OFFSET, 0);
  const terms = queryTerms(query.q);
  // The snippet comes from around the first occurrence of the first term in the abstract or the text.
  const first = (terms[0] ?? '').toLowerCase();
  const rows = await ctx.db.execute(sql`
    WITH q AS (SELECT to_tsquery('simple', ${tsquery}) AS query),
    -- Matched on the narrow search table, newest first; ranked among the newest matches: exact for any
    -- specific query, and for a word in most documents (in FG-MV's library, "metaverse") the best of the
    -- latest ones, found without ranking them all.
    candidates AS (
      SELECT ${documentSearch.documentId} AS id FROM ${documentSearch}, q
      WHERE ${where}
      ORDER BY ${documentSearch.documentId} DESC LIMIT ${CANDIDATES + 1}),
    hits AS (
      SELECT ${documents.id}, ${documents.number}, ${documents.title}, ${documents.type}, ${documents.meetingId},
             ${documents.withdrawnAt}, ${documents.latestRevision}, ${documents.abstract}, ${documents.groupId},
             ts_rank(${documents.searchVector}, q.query) AS rank
      FROM candidates c JOIN ${documents} ON ${documents.id} = c.id, q
      ORDER BY rank DESC, ${documents.id} DESC
      LIMIT ${limit} OFFSET ${offset})
    SELECT hits.*, (SELECT count(*)::int FROM candidates) AS matched, (
      SELECT CASE WHEN strpos(lower(${documentRevisions.text}), ${first}) > 0
                  THEN substr(${documentRevisions.text}, greatest(1, strpos(lower(${documentRevisions.text}), ${first}) - 120), 400)
                  ELSE left(${documentRevisions.text}, 400) END
      FROM ${documentRevisions}
      WHERE ${documentRevisions.documentId} = hits.id AND ${documentRevisions.revision} = hits.latest_revision) AS excerpt
    FROM hits ORDER BY rank DESC, id DESC`);
  const list = rowsOf<RawHit>(rows);
  const total = Number(list[0]?.matched ?? 0);
  const codes = await groupCodes(
    ctx,
    list.map((h) => Number(h.group_id)),
  );
  return {
    total: Math.min(total, CANDIDATES),
    more: total > CANDIDATES,
    hits: list.map((r) => {
      const inAbstract = first && r.abstract.toLowerCase().includes(first);
      const source = inAbstract || !r.excerpt ? r.abstract || (r.excerpt ?? '') : r.excerpt;
      return {
        number: r.number,
        title: r.title,
        type: r.type,
        groupCode: codes.get(Number(r.group_id)) ?? '',
        meetingId: r.meeting_id === null ? null : Number(r.meeting_id),
        withdrawn: r.withdrawn_at !== null,
        latestRevision: Number(r.latest_revision),
        rank: Number(r.rank),
        snippet: highlight(source, terms),
      };
    }),
  };
}

interface RawHit {
  id: number;
  number: string;
  title: string;
  type: string;
  meeting_id: number | null;
  withdrawn_at: string | null;
  latest_revision: number;
  abstract: string;
  group_id: number;
  rank: number;
  excerpt: string | null;
  matched: number;
}
