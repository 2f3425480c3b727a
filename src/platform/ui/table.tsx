import type { ViewContext } from '../http/request-context.ts';

/** A table's caption (for screen readers) and column headers; `actions` adds a column for row buttons. */
export function TableHead(props: { ctx: ViewContext; caption: string; columns: string[]; actions?: boolean }) {
  return (
    <>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
          {props.actions && (
            <th scope="col">
              <span class="visually-hidden">{props.ctx.t('form.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
    </>
  );
}
