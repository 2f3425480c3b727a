import type { ComponentChildren, JSX } from 'preact';

/**
 * The design system's components (public/app.css draws them; /design shows each in LTR and RTL). Pages compose
 * these instead of their own markup, so every page has the same header, badges, notices and tables.
 */

/** A small set of line icons, drawn on a 24 px grid; decorative (the text beside them says the same). */
const iconPaths = {
  calendar: 'M4 7h16M8 3v4M16 3v4M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  info: 'M12 11v6M12 7.5v.5M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  warning: 'M12 9v4.5M12 16.5v.5M10.3 4.2L2.8 17.5A2 2 0 0 0 4.5 20.5h15a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z',
  error: 'M9 9l6 6M15 9l-6 6M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  clock: 'M12 7v5l3 2M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  document: 'M7 3h7l5 5v12a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM14 3v5h5M9 13h6M9 17h6',
  people: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM3 20a6 6 0 0 1 12 0M16 11a3 3 0 1 0 0-6M18 20a5 5 0 0 0-3-4.6',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z',
  menu: 'M4 7h16M4 12h16M4 17h16',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  inbox: 'M4 13l2.5-8h11L20 13v6a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-6zM4 13h5l1 2h4l1-2h5',
  arrow: 'M5 12h14M13 6l6 6-6 6',
} as const;
export type IconName = keyof typeof iconPaths;

/** `mirrors`: an icon that points somewhere (an arrow) turns round in right-to-left pages. */
export function Icon(props: { name: IconName; mirrors?: boolean }) {
  return (
    <svg
      class={props.mirrors ? 'icon icon-mirrors' : 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={iconPaths[props.name]} />
    </svg>
  );
}

/** convene's mark: a "c" closing round a table, with the one who convenes. */
export function LogoMark() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#0b5cad" />
      <path d="M22.4 10.6a8 8 0 1 0 0 10.8" fill="none" stroke="#fff" stroke-width="3.4" stroke-linecap="round" />
      <circle cx="23.6" cy="16" r="2.4" fill="#f2a900" />
    </svg>
  );
}

/** The top of a page: what it belongs to, its title, a line about it, and its actions (one primary at most). */
export function PageHeader(props: {
  title: ComponentChildren;
  eyebrow?: ComponentChildren;
  lead?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <div class="page-header">
      <div class="page-header-text">
        {props.eyebrow && <p class="eyebrow">{props.eyebrow}</p>}
        <h1>{props.title}</h1>
        {props.lead && <p class="lead">{props.lead}</p>}
      </div>
      {props.actions && <div class="page-actions">{props.actions}</div>}
    </div>
  );
}

/** Where the page sits: each level a link, the page itself last and not a link. */
export function Breadcrumb(props: { label: string; trail: { href?: string; label: ComponentChildren }[] }) {
  return (
    <nav class="breadcrumb" aria-label={props.label}>
      <ol>
        {props.trail.map((step, i) =>
          i === props.trail.length - 1 || !step.href ? (
            <li aria-current={i === props.trail.length - 1 ? 'page' : undefined}>{step.label}</li>
          ) : (
            <li>
              <a href={step.href}>{step.label}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/** A box of related content; `headingLevel` keeps the page's outline right. */
export function Card(props: {
  title?: ComponentChildren;
  headingLevel?: 2 | 3;
  aside?: ComponentChildren;
  children: ComponentChildren;
  id?: string;
}) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const headingId = props.id ? `${props.id}-h` : undefined;
  return (
    <section class="card" id={props.id} aria-labelledby={props.title ? headingId : undefined}>
      {(props.title || props.aside) && (
        <div class="card-header">
          {props.title && <Heading id={headingId}>{props.title}</Heading>}
          {props.aside}
        </div>
      )}
      {props.children}
    </section>
  );
}

/** A number worth a glance (registrations, requests waiting), linking to where it is dealt with. */
export function Stat(props: { value: number | string; label: ComponentChildren; href?: string }) {
  const body = (
    <>
      <span class="stat-value">{props.value}</span> <span class="stat-label">{props.label}</span>
    </>
  );
  return <div class="card stat">{props.href ? <a href={props.href}>{body}</a> : body}</div>;
}

type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** A status in a word, coloured by what it means for the reader (the word carries the meaning, not the colour). */
export function Badge(props: { tone: Tone; children: ComponentChildren }) {
  return <span class={`badge badge-${props.tone}`}>{props.children}</span>;
}

const alertIcons: Record<Exclude<Tone, 'neutral'>, IconName> = { success: 'check', warning: 'warning', danger: 'error', info: 'info' };

/** A message about the page: what happened (success), what to watch (warning), what failed (danger), what to know. */
export function Alert(props: { tone: Exclude<Tone, 'neutral'>; title?: ComponentChildren; children?: ComponentChildren; live?: boolean }) {
  return (
    <div class={`alert alert-${props.tone}`} role={props.live ? (props.tone === 'danger' ? 'alert' : 'status') : undefined}>
      <Icon name={alertIcons[props.tone]} />
      <div class="alert-body">
        {props.title && <p class="alert-title">{props.title}</p>}
        {props.children}
      </div>
    </div>
  );
}

/** An empty list says so, and what to do about it. */
export function EmptyState(props: {
  icon?: IconName;
  title: ComponentChildren;
  children?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <div class="empty-state">
      <Icon name={props.icon ?? 'inbox'} />
      <p class="empty-state-title">{props.title}</p>
      {props.children && <p>{props.children}</p>}
      {props.actions && <div class="page-actions">{props.actions}</div>}
    </div>
  );
}

/**
 * A table in its own scrolling region (a shadow shows there is more), so the page never scrolls sideways;
 * `stack`: on phones each row becomes a block of "label: value" lines (cells carry `data-label`).
 */
export function DataTable(props: { caption: ComponentChildren; label: string; stack?: boolean; children: ComponentChildren }) {
  // tabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
  return (
    <div class="table-region" role="region" aria-label={props.label} tabindex={0}>
      <table class={props.stack ? 'stack' : undefined}>
        <caption>{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}

/** The filters of a list in one row (wrapping on narrow screens), sent with GET so a filtered list has an address. */
export function FilterBar(props: { action: string; label: string; children: ComponentChildren; actions: ComponentChildren }) {
  return (
    <form class="filter-bar" method="get" action={props.action} role="search" aria-label={props.label}>
      {props.children}
      <div class="filter-actions">{props.actions}</div>
    </form>
  );
}

/** Sections of one thing as links (a meeting's pages), the current one marked. */
export function Tabs(props: {
  label: string;
  items: { href: string; label: ComponentChildren; current?: boolean }[];
  /** A second row (a meeting's management pages): smaller, its label shown. */
  secondary?: boolean;
}) {
  return (
    <nav class={props.secondary ? 'tabs tabs-secondary' : 'tabs'} aria-label={props.label}>
      {props.secondary && (
        <span class="tabs-label" aria-hidden="true">
          {props.label}
        </span>
      )}
      <ul>
        {props.items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.current ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Where someone is in a process: steps done, the current one, those ahead. */
export function Steps(props: { label: string; steps: { label: ComponentChildren; state: 'done' | 'current' | 'todo' }[] }) {
  return (
    <ol class="steps" aria-label={props.label}>
      {props.steps.map((step) => (
        <li data-state={step.state} aria-current={step.state === 'current' ? 'step' : undefined}>
          {step.label}
        </li>
      ))}
    </ol>
  );
}

/** A link that looks like a button: `primary` for the one main action of a view. */
export function ButtonLink(
  props: { href: string; kind?: 'primary' | 'secondary' | 'danger'; children: ComponentChildren } & Omit<
    JSX.HTMLAttributes<HTMLAnchorElement>,
    'class'
  >,
) {
  const { kind = 'primary', children, ...rest } = props;
  return (
    <a {...rest} class={kind === 'primary' ? 'button' : `button ${kind}`}>
      {children}
    </a>
  );
}
