import type { ViewContext } from '../../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary, type FormState, RequiredNote, SubmitButton } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { Outcome } from '../../../platform/ui/outcome.tsx';
import { meetingPaths } from '../../meetings/paths.ts';
import { documentPaths } from '../paths.ts';
import type { DocumentType } from '../vocabulary.ts';
import { DocumentTypeField, TitleSourceFields } from './document-fields.tsx';

/** The form that reserves a number now for a document uploaded later. */
export function ReserveNumberPage(props: {
  ctx: ViewContext;
  meetingId: number;
  meetingTitle: Record<string, string>;
  form: FormState;
  types: readonly DocumentType[];
  workingGroups: string[];
  deadlineHint: string;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('document.reserve')}>
      <p class="eyebrow">
        <a href={meetingPaths.meeting({ id: props.meetingId })}>
          <Localized ctx={ctx} text={props.meetingTitle} />
        </a>
      </p>
      <h1>{t('document.reserve')}</h1>
      <p>{t('document.reserveIntro')}</p>
      <p class="hint">{props.deadlineHint}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={documentPaths.reserve({ id: props.meetingId })} novalidate>
        <CsrfField ctx={ctx} />
        <RequiredNote ctx={ctx} />
        <DocumentTypeField ctx={ctx} form={form} types={props.types} />
        <TitleSourceFields ctx={ctx} form={form} workingGroups={props.workingGroups} />
        <SubmitButton>{t('document.reserveSubmit')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** After reserving: the number, the template with it filled in, and how to upload the document under it later. */
export function ReservedOutcome(props: { ctx: ViewContext; number: string; meetingId: number; deadlineHint: string }) {
  const { ctx, number, meetingId } = props;
  const { t } = ctx;
  return (
    <Outcome
      title={t('document.reservedHeading', { number })}
      done={[props.deadlineHint]}
      nextLabel={t('outcome.next')}
      next={[
        <a href={documentPaths.meetingTemplate({ id: meetingId }, { number })}>{t('document.reservedTemplate', { number })}</a>,
        <>
          <a href={documentPaths.submitForm({ id: meetingId }, { reservation: number })}>{t('document.reservedUpload', { number })}</a>
          {' — '}
          {t('document.reservedLater')}
        </>,
      ]}
    />
  );
}
