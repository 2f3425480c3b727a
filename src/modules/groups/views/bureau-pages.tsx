import type { ViewContext } from '../../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary, type FormState, SubmitButton, TextField } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { LocalizedFields } from '../../../platform/ui/localized-fields.tsx';
import { groupPaths } from '../paths.ts';
import type { bureaus } from '../schema.ts';

type BureauRow = typeof bureaus.$inferSelect;

/** The bureaus that issue circulars, each with its form; a last form adds one. */
export function BureausPage(props: { ctx: ViewContext; rows: BureauRow[]; form: FormState; editing?: string; notice?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('bureau.title')} notice={props.notice}>
      <h1>{t('bureau.title')}</h1>
      <p class="hint">{t('bureau.intro')}</p>
      {props.rows.length > 0 && (
        <ul>
          {props.rows.map((b) => (
            <li>
              <a href={groupPaths.bureaus({}, { code: b.code })}>
                {b.code} — <Localized ctx={ctx} text={b.name} />
              </a>{' '}
              <span class="meta">{t('bureau.nextNumber.value', { number: b.nextCircularNumber })}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{props.editing ? t('bureau.edit', { code: props.editing }) : t('bureau.new')}</h2>
      <ErrorSummary ctx={ctx} form={props.form} />
      <form method="post" action={groupPaths.bureaus()} novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={props.form} name="code" label={t('bureau.code')} hint={t('bureau.code.hint')} required />
        <LocalizedFields ctx={ctx} form={props.form} name="name" label={t('bureau.name')} />
        <LocalizedFields
          ctx={ctx}
          form={props.form}
          name="abbreviation"
          label={t('bureau.abbreviation')}
          hint={t('bureau.abbreviation.hint')}
          required={false}
        />
        <LocalizedFields ctx={ctx} form={props.form} name="organization" label={t('bureau.organization')} required={false} />
        <LocalizedFields ctx={ctx} form={props.form} name="city" label={t('bureau.city')} required={false} />
        <LocalizedFields
          ctx={ctx}
          form={props.form}
          name="premises"
          label={t('bureau.premises')}
          hint={t('bureau.premises.hint')}
          required={false}
        />
        <TextField
          ctx={ctx}
          form={props.form}
          name="nextCircularNumber"
          type="number"
          label={t('bureau.nextNumber')}
          hint={t('bureau.nextNumber.hint')}
        />
        {props.editing && (
          <input
            type="hidden"
            name="nextCircularNumberShown"
            value={String(props.rows.find((b) => b.code === props.editing)?.nextCircularNumber ?? '')}
          />
        )}
        <SubmitButton>{t('form.save')}</SubmitButton>
      </form>
    </Layout>
  );
}
