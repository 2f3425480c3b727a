import type { ComponentChildren } from 'preact';
import type { FieldError } from '../errors.ts';
import type { ViewContext } from '../http/request-context.ts';
import { dateExample } from '../i18n/dates.ts';

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

/**
 * The labels of a form's fields, by name, as its fields render: the error summary, shown before the fields,
 * names each field it lists. Keyed by the errors (shared by copies of the state a page may make for its fields).
 */
const labelsByForm = new WeakMap<FieldError[], Map<string, string>>();
/** An error summary met a field whose label was not known yet (set during a render; rendering is synchronous). */
let labelsMissing = false;

/** Remembers a field's label for the form's error summary (FieldShell does; a field of its own kind calls it). */
export function recordLabel(form: FormState, name: string, label: string): void {
  if (form.errors.length === 0) return;
  let labels = labelsByForm.get(form.errors);
  if (!labels) {
    labels = new Map();
    labelsByForm.set(form.errors, labels);
  }
  labels.set(name, label);
}

/**
 * Renders a page; once more when an error summary came before the fields it names, whose labels the first
 * rendering recorded.
 */
export function renderWithLabels(render: () => string): string {
  labelsMissing = false;
  const first = render();
  if (!labelsMissing) return first;
  labelsMissing = false;
  const second = render();
  labelsMissing = false;
  return second;
}

/**
 * An error's message as the form shows it. A date is asked for the way the date picker shows it, with an
 * example in the reader's language; the API's message (error.date) names the ISO form it takes.
 */
function errorText(ctx: ViewContext, error: FieldError): string {
  if (error.message === 'error.date') return ctx.t('form.error.date', { example: dateExample(ctx.locale) });
  return ctx.t(error.message, error.params);
}

const fieldOf = (e: FieldError) => Boolean(e.field) && !e.field.startsWith('_');

export function ErrorSummary(props: { ctx: ViewContext; form: FormState }) {
  const { ctx, form } = props;
  if (form.errors.length === 0) return null;
  const labels = labelsByForm.get(form.errors);
  if (form.errors.some((e) => fieldOf(e) && !labels?.has(e.field))) labelsMissing = true;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{ctx.t('form.errorSummary')}</h2>
      <ul>
        {form.errors.map((e) => {
          if (!fieldOf(e)) return <li>{errorText(ctx, e)}</li>;
          const label = labels?.get(e.field);
          const text = errorText(ctx, e);
          return (
            <li>
              <a href={`#${fieldId(e.field)}`}>{label ? ctx.t('form.errorOfField', { field: label, message: text }) : text}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Said once per form that has required fields, before them: what the asterisk means. */
export function RequiredNote(props: { ctx: ViewContext }) {
  return <p class="hint required-note">{props.ctx.t('form.requiredNote')}</p>;
}

/**
 * The asterisk of a required group (a fieldset's legend: radios, checkboxes), where no `required` attribute
 * says it to assistive technology: it hears "required" instead.
 */
export function RequiredMark(props: { ctx: ViewContext }) {
  return (
    <>
      <span aria-hidden="true"> *</span>
      <span class="visually-hidden"> ({props.ctx.t('form.required')})</span>
    </>
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
  recordLabel(props.form, props.name, props.label);
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
          {errorText(props.ctx, error)}
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

export function SelectField(props: FieldProps & { options: { value: string; label: string; lang?: string }[]; autocomplete?: string }) {
  const current = fieldValue(props.form, props.name);
  return (
    <FieldShell {...props}>
      {(attrs) => (
        <select {...attrs} autocomplete={props.autocomplete}>
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === current} lang={o.lang}>
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
