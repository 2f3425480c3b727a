import type { ViewContext } from '../http/request-context.ts';
import { directionOf, localeNames, locales } from '../i18n/index.ts';
import { type FormState, TextArea, TextField } from './forms.tsx';

/** One input per language for a translatable text; English is the required one. */
export function LocalizedFields(props: {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  multiline?: boolean;
  required?: boolean;
  hint?: string;
}) {
  const { ctx, form, name, label } = props;
  return (
    <fieldset class="localized">
      <legend>{label}</legend>
      {props.hint && <p class="hint">{props.hint}</p>}
      {locales.map((l) => {
        const fieldProps = {
          ctx,
          form,
          name: `${name}_${l}`,
          label: ctx.t('form.inLanguage', { language: localeNames[l] }),
          required: l === 'en' && props.required !== false,
          // Each language is typed in its own direction, whatever the page's.
          dir: directionOf(l),
        };
        return props.multiline ? <TextArea {...fieldProps} rows={6} /> : <TextField {...fieldProps} />;
      })}
    </fieldset>
  );
}
