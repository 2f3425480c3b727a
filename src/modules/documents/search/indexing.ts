import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context.ts';
import type { IncomingFile } from '../files.ts';
import type { DocumentRow } from '../queries.ts';
import { extractText } from './extraction.ts';
import { indexText } from './terms.ts';

/**
 * Search vectors: the ranking one (number and title weigh most, then abstract, keywords, sources and
 * working groups) and the matching one, which adds the file's text.
 */
export function searchVectors(
  doc: Pick<DocumentRow, 'number' | 'title' | 'abstract' | 'keywords' | 'sources' | 'workingGroups'>,
  body: string,
): { rank: SQL; match: SQL } {
  const title = indexText(`${doc.number} ${doc.title}`);
  const meta = indexText([doc.abstract, ...doc.keywords, ...doc.sources, ...doc.workingGroups].join(' '));
  const rank = sql`(setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${meta}), 'B'))`;
  return { rank, match: sql`(${rank} || setweight(to_tsvector('simple', ${indexText(body)}), 'D'))` };
}

/**
 * The file's text for search, bounded (see `extractText`): over a limit the text so far is kept, and
 * the document is stored anyway — findable by its number, title and other details.
 */
export async function fileText(ctx: AppContext, file: IncomingFile): Promise<string> {
  const extracted = await extractText(file.kind, () => ctx.files.open(file.hash), file.size);
  if (extracted.stopped)
    ctx.log.info(
      { kind: file.kind, size: file.size, stopped: extracted.stopped, chars: extracted.text.length },
      'text extraction stopped at a limit',
    );
  return extracted.text;
}
