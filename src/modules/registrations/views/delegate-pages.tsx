import type { ViewContext } from '../../../platform/http/request-context.ts';
import { Alert, DataTable, EmptyState, PageHeader } from '../../../platform/ui/components.tsx';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import { CategoryField, countryOptions } from '../../accounts/views/profile-fields.tsx';
import { meetingPaths } from '../../meetings/paths.ts';
import type { MeetingDetail } from '../../meetings/service.ts';
import { registrationPaths } from '../paths.ts';
import { ModeChoices, SessionChoices } from './register-page.tsx';

/** A focal point's form to register a delegate of their organization, with or without an account. */
export function DelegatePage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  organization: string;
  form: FormState;
  idempotencyKey: string;
  quota: { places: number; taken: number } | null;
  done?: string;
}) {
  const { ctx, detail, form } = props;
  const { t } = ctx;
  const meeting = <Localized ctx={ctx} text={detail.meeting.title} />;
  return (
    <Layout ctx={ctx} title={t('delegates.title')}>
      <PageHeader
        eyebrow={<a href={meetingPaths.meeting({ id: detail.meeting.id })}>{meeting}</a>}
        title={t('delegates.title')}
        lead={<Message t={t} id="delegates.lead" params={{ organization: <bdi>{props.organization}</bdi>, meeting }} />}
      />
      {props.done && (
        <Alert tone="success" live>
          {props.done}
        </Alert>
      )}
      {props.quota && <p>{t('delegates.quota', props.quota)}</p>}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={registrationPaths.delegates({ id: detail.meeting.id })} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_idem" value={props.idempotencyKey} />
        <RequiredNote ctx={ctx} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('delegates.email')} autocomplete="off" required />
        <fieldset>
          <legend>{t('delegates.newPerson')}</legend>
          <p class="hint">{t('delegates.newPerson.hint')}</p>
          <TextField ctx={ctx} form={form} name="givenName" label={t('profile.givenName')} autocomplete="off" />
          <TextField ctx={ctx} form={form} name="familyName" label={t('profile.familyName')} autocomplete="off" />
          <SelectField
            ctx={ctx}
            form={form}
            name="country"
            label={t('profile.country')}
            options={countryOptions(ctx, t('profile.country.none'))}
          />
          <CategoryField ctx={ctx} form={form} />
        </fieldset>
        <ModeChoices ctx={ctx} form={form} meetingMode={detail.meeting.mode} />
        <SessionChoices ctx={ctx} form={form} detail={detail} />
        <SubmitButton>{t('delegates.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** The secretariat's quotas of in-person places per organization at a meeting: one form for all. */
export function QuotasPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  rows: { organizationId: number; name: string; inPersonPlaces: number | null; taken: number | null }[];
  form: FormState;
  saved: boolean;
}) {
  const { ctx, detail, rows, form } = props;
  const { t } = ctx;
  const meeting = <Localized ctx={ctx} text={detail.meeting.title} />;
  return (
    <Layout ctx={ctx} title={t('quotas.title')}>
      <PageHeader
        eyebrow={<a href={registrationPaths.console({ id: detail.meeting.id })}>{meeting}</a>}
        title={t('quotas.title')}
        lead={<Message t={t} id="quotas.lead" params={{ meeting }} />}
      />
      {props.saved && (
        <Alert tone="success" live>
          {t('notice.saved')}
        </Alert>
      )}
      {rows.length === 0 ? (
        <EmptyState title={t('quotas.none')} />
      ) : (
        <form method="post" action={registrationPaths.quotas({ id: detail.meeting.id })} novalidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} />
          <DataTable stack label={t('quotas.title')} caption={t('quotas.title')}>
            <thead>
              <tr>
                <th scope="col">{t('quotas.organization')}</th>
                <th scope="col">{t('quotas.taken')}</th>
                <th scope="col">{t('quotas.title')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <bdi>{r.name}</bdi>
                  </th>
                  <td data-label={t('quotas.taken')}>{r.taken ?? '—'}</td>
                  <td data-label={t('quotas.title')}>
                    <TextField
                      ctx={ctx}
                      form={form}
                      name={`quota_${r.organizationId}`}
                      type="number"
                      label={t('quotas.places', { organization: r.name })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <SubmitButton>{t('form.save')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}
