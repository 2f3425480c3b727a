import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  RequiredMark,
  RequiredNote,
  recordLabel,
  SubmitButton,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import { DateText } from '../../../platform/ui/units.tsx';
import { accountPaths } from '../../accounts/paths.ts';
import { subgroupName } from '../../groups/views/group-page.tsx';
import type { MeetingDetail } from '../../meetings/service.ts';
import { MeetingNav } from '../../meetings/views/meeting-nav.tsx';
import { registrationPaths } from '../paths.ts';
import { allowedModes } from '../rules.ts';
import type { FormNotice } from '../slots.ts';
import { participationModeLabel } from '../vocabulary.ts';

function checkedValues(form: FormState, name: string): Set<string> {
  const v = form.values[name];
  return new Set(Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
}

export function SessionChoices(props: { ctx: ViewContext; form: FormState; detail: MeetingDetail }) {
  const { ctx, form, detail } = props;
  const chosen = checkedValues(form, 'sessions');
  const error = form.errors.find((e) => e.field === 'sessions' || e.field.startsWith('sessions_'));
  recordLabel(form, 'sessions', ctx.t('registration.sessions'));
  return (
    <fieldset id="f-sessions" aria-describedby={error ? 'f-sessions-error' : undefined}>
      <legend>
        {ctx.t('registration.sessions')}
        <RequiredMark ctx={ctx} />
      </legend>
      {error && (
        <p class="field-error" id="f-sessions-error">
          {ctx.t(error.message, error.params)}
        </p>
      )}
      {detail.sessions.map((s) => (
        <div class="checkbox">
          <input type="checkbox" id={`f-session-${s.subgroup}`} name="sessions" value={s.subgroup} checked={chosen.has(s.subgroup)} />
          <label for={`f-session-${s.subgroup}`}>
            {subgroupName(ctx, s)} – <Localized ctx={ctx} text={s.subgroupTitle} />
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function ModeChoices(props: { ctx: ViewContext; form: FormState; meetingMode: string }) {
  const { ctx, form } = props;
  const current = String(form.values.mode ?? '');
  const error = form.errors.find((e) => e.field === 'mode');
  recordLabel(form, 'mode', ctx.t('registration.mode'));
  return (
    <fieldset id="f-mode" aria-describedby={error ? 'f-mode-error' : undefined}>
      <legend>
        {ctx.t('registration.mode')}
        <span aria-hidden="true"> *</span>
      </legend>
      {error && (
        <p class="field-error" id="f-mode-error">
          {ctx.t(error.message, error.params)}
        </p>
      )}
      {allowedModes(props.meetingMode).map((m) => (
        <div class="checkbox">
          <input type="radio" id={`f-mode-${m}`} name="mode" value={m} checked={current === m} required />
          <label for={`f-mode-${m}`}>{ctx.t(participationModeLabel[m])}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function RegisterPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  form: FormState;
  /** What the parts say before the fields: whether they can be asked for, and why not (registerFormNotices). */
  notices: FormNotice[];
  /** What the parts ask (registerFormParts). */
  parts: ComponentChildren[];
  idempotencyKey: string;
}) {
  const { ctx, detail, form } = props;
  const { t, locale } = ctx;
  const title = t('registration.title', { meeting: pick(detail.meeting.title, locale) });
  const consentError = form.errors.find((e) => e.field === 'consent');
  recordLabel(form, 'consent', t('registration.privacy'));
  return (
    <Layout ctx={ctx} title={title}>
      <MeetingNav ctx={ctx} detail={detail} current="register" />
      <h1>{t('registration.heading')}</h1>
      <p>
        {<Message t={t} id="registration.intro" params={{ date: <DateText ctx={{ locale }} date={detail.deadlines.registration} /> }} />}
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={registrationPaths.register({ id: detail.meeting.id })} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_idem" value={props.idempotencyKey} />
        <RequiredNote ctx={ctx} />
        {props.notices.map((notice) => (
          <Alert tone="info" title={notice.title}>
            <p>{notice.text}</p>
          </Alert>
        ))}
        <ModeChoices ctx={ctx} form={form} meetingMode={detail.meeting.mode} />
        <SessionChoices ctx={ctx} form={form} detail={detail} />
        {props.parts}
        <fieldset id="f-consent">
          <legend>{t('registration.privacy')}</legend>
          <p class="hint" id="f-consent-notice">
            {t('registration.privacyNotice')} <a href={accountPaths.privacy()}>{t('privacyNotice.read')}</a>
          </p>
          {consentError && (
            <p class="field-error" id="f-consent-error">
              {t(consentError.message, consentError.params)}
            </p>
          )}
          <div class="checkbox">
            <input
              type="checkbox"
              id="f-consent-box"
              name="consent"
              value="on"
              checked={form.values.consent === 'on'}
              required
              aria-invalid={consentError ? 'true' : undefined}
              aria-describedby={consentError ? 'f-consent-notice f-consent-error' : 'f-consent-notice'}
            />
            <label for="f-consent-box">
              {t('registration.consent')}
              <span aria-hidden="true"> *</span>
            </label>
          </div>
        </fieldset>
        <SubmitButton>{t('registration.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** The secretariat registers someone else — also after the deadline. */
export function RegisterOnBehalfPage(props: { ctx: ViewContext; detail: MeetingDetail; form: FormState; idempotencyKey: string }) {
  const { ctx, detail, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('regConsole.registerSomeone')}>
      <p class="eyebrow">
        <a href={registrationPaths.console({ id: detail.meeting.id })}>
          <Localized ctx={ctx} text={detail.meeting.title} />
        </a>
      </p>
      <h1>{t('regConsole.registerSomeone')}</h1>
      <p>{t('regConsole.registerSomeone.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={registrationPaths.registerOnBehalf({ id: detail.meeting.id })} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_idem" value={props.idempotencyKey} />
        <RequiredNote ctx={ctx} />
        <TextField ctx={ctx} form={form} name="onBehalfOf" type="email" label={t('regConsole.registerSomeone.email')} required />
        <ModeChoices ctx={ctx} form={form} meetingMode={detail.meeting.mode} />
        <SessionChoices ctx={ctx} form={form} detail={detail} />
        <SubmitButton>{t('registration.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}
