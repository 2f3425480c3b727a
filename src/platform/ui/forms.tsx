import type { ComponentChildren } from 'preact';
import type { FieldError } from '../errors.ts';
import type { ViewContext } from '../http/request-context.ts';

/** Submitted values and their problems, so a rejected form comes back filled in and explained. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
}

export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: [] });

const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

export function fieldValue(form: FormState, name: string): string {
  const v = form.values[name];
  return v === undefined || v === null ? '' : String(v);
}

function errorFor(form: FormState, name: string) {
  return form.errors.find((e) => e.field === name);
}

export function ErrorSummary(props: { ctx: ViewContext; form: FormState }) {
  const { t } = props.ctx;
  if (props.form.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{t('form.errorSummary')}</h2>
      <ul>
        {props.form.errors.map((e) => (
          <li>
            {e.field && !e.field.startsWith('_') ? <a href={`#${fieldId(e.field)}`}>{t(e.message, e.params)}</a> : t(e.message, e.params)}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  ctx: ViewContext;
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function FieldShell(props: FieldProps & { children: (attrs: Record<string, unknown>) => ComponentChildren }) {
  const id = fieldId(props.name);
  const error = errorFor(props.form, props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {props.ctx.t(error.message, error.params)}
        </p>
      )}
      {props.children({
        id,
        name: props.name,
        required: props.required,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy,
      })}
    </div>
  );
}

export function TextField(props: FieldProps & { type?: string; autocomplete?: string; dir?: 'ltr' | 'rtl' | 'auto' }) {
  return (
    <FieldShell {...props}>
      {(attrs) => (
        <input
          {...attrs}
          type={props.type ?? 'text'}
          autocomplete={props.autocomplete}
          dir={props.dir}
          value={props.type === 'password' ? undefined : fieldValue(props.form, props.name)}
        />
      )}
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { rows?: number; dir?: 'ltr' | 'rtl' | 'auto' }) {
  return (
    <FieldShell {...props}>
      {(attrs) => (
        <textarea {...attrs} rows={props.rows ?? 5} dir={props.dir}>
          {fieldValue(props.form, props.name)}
        </textarea>
      )}
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[] }) {
  const current = fieldValue(props.form, props.name);
  return (
    <FieldShell {...props}>
      {(attrs) => (
        <select {...attrs}>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CsrfField(props: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={props.ctx.csrf} />;
}

export function SubmitButton(props: { children: ComponentChildren }) {
  return (
    <div class="actions">
      <button type="submit">{props.children}</button>
    </div>
  );
}
