import type { ViewContext } from '../http/request-context.ts';

/** Which slice of a long list a page shows: its number (from 1), how many pages there are, and where it starts. */
export interface PageSlice {
  page: number;
  pages: number;
  perPage: number;
  offset: number;
  total: number;
}

/**
 * The page asked for in `?page=`, kept within the list: anything that is not a whole number from 1 is the first
 * page, a number past the end the last one (a stale link still shows something, never an error).
 */
export function pageSlice(query: unknown, total: number, perPage = 50): PageSlice {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  const asked = typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : 1;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(asked, pages);
  return { page, pages, perPage, offset: (page - 1) * perPage, total };
}

/** "51–100 of 230" with links to the previous and next pages; `href` gives a page's address. */
export function Pagination(props: { ctx: ViewContext; slice: PageSlice; href: (page: number) => string }) {
  const { t } = props.ctx;
  const { page, pages, perPage, offset, total } = props.slice;
  if (total === 0) return null;
  const range = t('pagination.range', { first: offset + 1, last: Math.min(offset + perPage, total), total });
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <p class="pagination-range">{range}</p>
      {pages > 1 && (
        <ul class="pagination-links">
          <li>
            {page > 1 ? (
              <a href={props.href(page - 1)} rel="prev">
                {t('pagination.previous')}
              </a>
            ) : (
              <span class="pagination-disabled">{t('pagination.previous')}</span>
            )}
          </li>
          <li>
            {page < pages ? (
              <a href={props.href(page + 1)} rel="next">
                {t('pagination.next')}
              </a>
            ) : (
              <span class="pagination-disabled">{t('pagination.next')}</span>
            )}
          </li>
        </ul>
      )}
    </nav>
  );
}
