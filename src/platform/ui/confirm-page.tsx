import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../http/request-context.ts';
import { Alert, PageHeader } from './components.tsx';
import { CsrfField } from './forms.tsx';
import { Layout } from './layout.tsx';

/** What an irreversible action will do, shown before it is done. */
export interface Confirmation {
  title: string;
  /** The thing acted on ("FGMV-I-012 – Draft use cases"), above the title. */
  subject?: ComponentChildren;
  /** What will happen, one sentence each. */
  consequences: ComponentChildren[];
  confirmLabel: string;
  /** Where "Cancel" goes back to: the page the action was offered on. */
  cancelHref: string;
  /** A destructive action gets the danger button. */
  danger?: boolean;
}

/** The field that says a form was confirmed on the confirmation page. */
export const CONFIRMED_FIELD = '_confirmed';
/** The field that asks for the form again, filled in, to change it. */
export const BACK_FIELD = '_back';

const carried = (name: string) => name !== '_csrf' && name !== CONFIRMED_FIELD && name !== BACK_FIELD;

/**
 * The confirmation page: the form posts the same fields again to the same address, now confirmed, so it
 * works without JavaScript and nothing typed into the original form is lost.
 */
export function ConfirmPage(props: {
  ctx: ViewContext;
  action: string;
  fields: Record<string, unknown>;
  confirmation: Confirmation;
  /** Offers "Change" (the form again, as typed) next to "Cancel". */
  editable: boolean;
}) {
  const { ctx, confirmation: c } = props;
  const hidden = Object.entries(props.fields).flatMap(([name, value]) =>
    carried(name) ? (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string').map((v) => [name, v as string]) : [],
  );
  return (
    <Layout ctx={ctx} title={c.title}>
      <PageHeader eyebrow={c.subject} title={c.title} />
      <Alert tone={c.danger ? 'danger' : 'warning'} title={ctx.t('confirm.whatHappens')}>
        <ul class="consequences">
          {c.consequences.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </Alert>
      <form method="post" action={props.action} class="button-row">
        <CsrfField ctx={ctx} />
        {hidden.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name={CONFIRMED_FIELD} value="1" class={c.danger ? 'danger' : undefined}>
          {c.confirmLabel}
        </button>
        {props.editable && (
          <button type="submit" name={BACK_FIELD} value="1" class="secondary">
            {ctx.t('confirm.change')}
          </button>
        )}
        <a href={c.cancelHref} class={props.editable ? 'cancel-link' : 'button secondary'}>
          {ctx.t('confirm.cancel')}
        </a>
      </form>
    </Layout>
  );
}
