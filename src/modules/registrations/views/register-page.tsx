import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDate } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, type FormState, SelectField, SubmitButton, TextField } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { countryOptions } from '../../accounts/views/profile-fields.tsx';
import { type MembershipCategory, membershipCategoryLabel } from '../../accounts/vocabulary.ts';
import { subgroupName } from '../../groups/views/group-page.tsx';
import type { MeetingDetail } from '../../meetings/service.ts';
import { sexes, sexLabel } from '../../visas/vocabulary.ts';
import { allowedModes } from '../rules.ts';
import { participationModeLabel } from '../vocabulary.ts';

export type VisaBox =
  | { state: 'available' }
  | { state: 'not-eligible'; category: MembershipCategory }
  | { state: 'closed'; deadline: string }
  | { state: 'not-offered' };

function checkedValues(form: FormState, name: string): Set<string> {
  const v = form.values[name];
  return new Set(Array.isArray(v) ? v.map(String) : v ? [String(v)] : []);
}

export function SessionChoices(props: { ctx: ViewContext; form: FormState; detail: MeetingDetail }) {
  const { ctx, form, detail } = props;
  const chosen = checkedValues(form, 'sessions');
  const error = form.errors.find((e) => e.field === 'sessions' || e.field.startsWith('sessions_'));
  return (
    <fieldset id="f-sessions" aria-describedby={error ? 'f-sessions-error' : undefined}>
      <legend>{ctx.t('registration.sessions')}</legend>
      {error && (
        <p class="field-error" id="f-sessions-error">
          {ctx.t(error.message, error.params)}
        </p>
      )}
      {detail.sessions.map((s) => (
        <div class="checkbox">
          <input type="checkbox" id={`f-session-${s.subgroup}`} name="sessions" value={s.subgroup} checked={chosen.has(s.subgroup)} />
          <label for={`f-session-${s.subgroup}`}>
            {subgroupName(ctx, s)} – {pick(s.subgroupTitle, ctx.locale)}
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
  return (
    <fieldset id="f-mode" aria-describedby={error ? 'f-mode-error' : undefined}>
      <legend>{ctx.t('registration.mode')}</legend>
      {error && (
        <p class="field-error" id="f-mode-error">
          {ctx.t(error.message, error.params)}
        </p>
      )}
      {allowedModes(props.meetingMode).map((m) => (
        <div class="checkbox">
          <input type="radio" id={`f-mode-${m}`} name="mode" value={m} checked={current === m} />
          <label for={`f-mode-${m}`}>{ctx.t(participationModeLabel[m])}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The visa-support box and passport fields; `asked` when the page is only about the request (no box to tick). */
function VisaFields(props: { ctx: ViewContext; form: FormState; box: VisaBox; detail: MeetingDetail; asked?: boolean }) {
  const { ctx, form, box } = props;
  const { t } = ctx;
  if (box.state === 'not-offered') return null;
  const available = box.state === 'available';
  const reason =
    box.state === 'not-eligible'
      ? t('visa.notEligible', { category: t(membershipCategoryLabel[box.category]) })
      : box.state === 'closed'
        ? t('visa.closed', { date: formatDate(box.deadline, ctx.locale) })
        : t('visa.available', { date: formatDate(props.detail.deadlines.visaSupport, ctx.locale) });
  const f = (name: string) => `visaRequest_${name}`;
  return (
    <fieldset class="visa">
      <legend>{t('visa.title')}</legend>
      <p class="hint" id="visa-reason">
        {reason}
      </p>
      {props.asked ? (
        <input type="hidden" name="visa" value="on" />
      ) : (
        <div class="checkbox">
          <input
            type="checkbox"
            id="f-visa"
            name="visa"
            value="on"
            disabled={!available}
            checked={available && form.values.visa === 'on'}
            aria-describedby="visa-reason"
          />
          <label for="f-visa">{t('visa.request')}</label>
        </div>
      )}
      {available && (
        <div class="visa-fields">
          <p class="hint">{t('visa.fieldsHint')}</p>
          <TextField ctx={ctx} form={form} name={f('nameInPassport')} label={t('visa.nameInPassport')} autocomplete="name" />
          <SelectField
            ctx={ctx}
            form={form}
            name={f('sex')}
            label={t('visa.sex')}
            options={[{ value: '', label: t('visa.choose') }, ...sexes.map((s) => ({ value: s, label: t(sexLabel[s]) }))]}
          />
          <TextField ctx={ctx} form={form} name={f('dateOfBirth')} type="date" label={t('visa.dateOfBirth')} autocomplete="bday" />
          <TextField ctx={ctx} form={form} name={f('placeOfBirth')} label={t('visa.placeOfBirth')} />
          <SelectField
            ctx={ctx}
            form={form}
            name={f('nationality')}
            label={t('visa.nationality')}
            options={countryOptions(ctx, t('visa.choose'))}
          />
          <TextField ctx={ctx} form={form} name={f('passportNumber')} label={t('visa.passportNumber')} autocomplete="off" />
          <TextField ctx={ctx} form={form} name={f('passportIssuedOn')} type="date" label={t('visa.passportIssuedOn')} />
          <TextField
            ctx={ctx}
            form={form}
            name={f('passportExpiresOn')}
            type="date"
            label={t('visa.passportExpiresOn')}
            hint={t('visa.passportExpiresOn.hint')}
          />
          <TextField ctx={ctx} form={form} name={f('issuingAuthority')} label={t('visa.issuingAuthority')} />
          <TextField
            ctx={ctx}
            form={form}
            name={f('representation_city')}
            label={t('visa.representationCity')}
            hint={t('visa.representation.hint')}
          />
          <SelectField
            ctx={ctx}
            form={form}
            name={f('representation_country')}
            label={t('visa.representationCountry')}
            options={countryOptions(ctx, t('visa.choose'))}
          />
          <TextField ctx={ctx} form={form} name={f('arrivalDate')} type="date" label={t('visa.arrivalDate')} />
          <TextField ctx={ctx} form={form} name={f('departureDate')} type="date" label={t('visa.departureDate')} />
        </div>
      )}
    </fieldset>
  );
}

export function RegisterPage(props: { ctx: ViewContext; detail: MeetingDetail; form: FormState; visa: VisaBox; idempotencyKey: string }) {
  const { ctx, detail, form } = props;
  const { t, locale } = ctx;
  const title = t('registration.title', { meeting: pick(detail.meeting.title, locale) });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="eyebrow">
        <a href={`/meetings/${detail.meeting.id}`}>{pick(detail.meeting.title, locale)}</a>
      </p>
      <h1>{t('registration.heading')}</h1>
      <p>{t('registration.intro', { date: formatDate(detail.deadlines.registration, locale) })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={`/meetings/${detail.meeting.id}/register`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_idem" value={props.idempotencyKey} />
        <ModeChoices ctx={ctx} form={form} meetingMode={detail.meeting.mode} />
        <SessionChoices ctx={ctx} form={form} detail={detail} />
        <VisaFields ctx={ctx} form={form} box={props.visa} detail={detail} />
        <fieldset id="f-consent">
          <legend>{t('registration.privacy')}</legend>
          <p class="hint">{t('registration.privacyNotice')}</p>
          {form.errors.some((e) => e.field === 'consent') && <p class="field-error">{t('error.consent')}</p>}
          <div class="checkbox">
            <input type="checkbox" id="f-consent-box" name="consent" value="on" checked={form.values.consent === 'on'} />
            <label for="f-consent-box">{t('registration.consent')}</label>
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
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('regConsole.registerSomeone')}>
      <p class="eyebrow">
        <a href={`/console/meetings/${detail.meeting.id}/registrations`}>{pick(detail.meeting.title, locale)}</a>
      </p>
      <h1>{t('regConsole.registerSomeone')}</h1>
      <p>{t('regConsole.registerSomeone.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={`/console/meetings/${detail.meeting.id}/register`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_idem" value={props.idempotencyKey} />
        <TextField ctx={ctx} form={form} name="onBehalfOf" type="email" label={t('regConsole.registerSomeone.email')} required />
        <ModeChoices ctx={ctx} form={form} meetingMode={detail.meeting.mode} />
        <SessionChoices ctx={ctx} form={form} detail={detail} />
        <SubmitButton>{t('registration.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** Visa support asked for after registering (in person), e.g. after the visa reminder. */
export function VisaRequestPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  registrationId: number;
  number: string;
  form: FormState;
  box: VisaBox;
}) {
  const { ctx, detail, form } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('visa.askTitle', { number: props.number })}>
      <p class="eyebrow">
        <a href={`/registrations/${props.registrationId}`}>{t('registration.number', { number: props.number })}</a> ·{' '}
        {pick(detail.meeting.title, locale)}
      </p>
      <h1>{t('visa.askTitle', { number: props.number })}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={`/registrations/${props.registrationId}/visa`} novalidate>
        <CsrfField ctx={ctx} />
        <VisaFields ctx={ctx} form={form} box={props.box} detail={detail} asked />
        {props.box.state === 'available' && <SubmitButton>{t('visa.askSubmit')}</SubmitButton>}
      </form>
    </Layout>
  );
}
