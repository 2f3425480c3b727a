import type { ViewContext } from '../../../platform/http/request-context.ts';
import { type FormState, SelectField, TextField } from '../../../platform/ui/forms.tsx';
import { type DocumentType, documentTypeLabel } from '../vocabulary.ts';
import { WorkingGroupChoices } from './working-group-choices.tsx';

/** The document's type, when the person may choose among several (submitting and reserving a number). */
export function DocumentTypeField(props: { ctx: ViewContext; form: FormState; types: readonly DocumentType[] }) {
  const { ctx } = props;
  if (props.types.length <= 1) return null;
  return (
    <SelectField
      ctx={ctx}
      form={props.form}
      name="type"
      label={ctx.t('document.type')}
      options={props.types.map((type) => ({ value: type, label: ctx.t(documentTypeLabel[type]) }))}
    />
  );
}

/** What names a document: its title, its sources and the working groups it is for. */
export function TitleSourceFields(props: { ctx: ViewContext; form: FormState; workingGroups: string[] }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} form={form} name="title" label={t('document.title')} required />
      <TextField ctx={ctx} form={form} name="sources" label={t('document.source')} hint={t('document.sourceHint')} required />
      <WorkingGroupChoices ctx={ctx} form={form} workingGroups={props.workingGroups} />
    </>
  );
}
