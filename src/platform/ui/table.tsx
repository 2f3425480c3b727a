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

/**
 * The header of a column the reader can sort by: a link that sorts by it (the other way when it is the active
 * one), with the state for assistive technology (aria-sort on the active column only) and a cue for the eye that
 * is not read out: ▲ or ▼ on the active column, a neutral ↕ on the others.
 */
export function SortableHeader(props: { label: string; href: string; active: boolean; descending: boolean; class?: string }) {
  const direction = props.descending ? 'descending' : 'ascending';
  return (
    <th scope="col" class={props.class ? `sortable ${props.class}` : 'sortable'} aria-sort={props.active ? direction : undefined}>
      <a href={props.href}>
        {props.label}
        <span class="sort-cue" aria-hidden="true">
          {props.active ? (props.descending ? '▼' : '▲') : '↕'}
        </span>
      </a>
    </th>
  );
}
