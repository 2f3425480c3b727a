import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary, type FormState, RequiredNote, SelectField, SubmitButton, TextField } from '../../platform/ui/forms.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import { Localized, Message } from '../../platform/ui/localized.tsx';
import { DateText } from '../../platform/ui/units.tsx';
import { countryOptions } from '../accounts/views/profile-fields.tsx';
import { type MembershipCategory, membershipCategoryLabel } from '../accounts/vocabulary.ts';
import type { MeetingDetail } from '../meetings/service.ts';
import { registrationPaths } from '../registrations/paths.ts';
import { visaPaths } from './paths.ts';
import type { VisaPiece } from './registration-part.ts';
import { sexes, sexLabel, visaStatusLabel } from './vocabulary.ts';

/** Whether this person can ask for visa support at this meeting now, and why not. */
export type VisaBox =
  | { state: 'available' }
  | { state: 'not-eligible'; category: MembershipCategory }
  | { state: 'closed'; deadline: string }
  | { state: 'not-offered' };

/** The registration form's word on visa support, before its fields: for whom and until when, or why not. */
export function visaNotice(ctx: ViewContext, box: VisaBox, detail: MeetingDetail): { title: string; text: ComponentChildren } | null {
  const { t } = ctx;
  if (box.state === 'not-offered') return null;
  const text =
    box.state === 'not-eligible' ? (
      t('visa.notEligible', { category: t(membershipCategoryLabel[box.category]) })
    ) : box.state === 'closed' ? (
      <Message t={t} id="visa.closed" params={{ date: <DateText ctx={ctx} date={box.deadline} /> }} />
    ) : (
      <Message t={t} id="visa.notice.available" params={{ date: <DateText ctx={ctx} date={detail.deadlines.visaSupport} /> }} />
    );
  return { title: t('visa.title'), text };
}

/** The visa-support box and passport fields; `asked` when the page is only about the request (no box to tick). */
export function VisaFields(props: { ctx: ViewContext; form: FormState; box: VisaBox; detail: MeetingDetail; asked?: boolean }) {
  const { ctx, form, box } = props;
  const { t } = ctx;
  if (box.state === 'not-offered') return null;
  const available = box.state === 'available';
  const reason =
    box.state === 'not-eligible' ? (
      t('visa.notEligible', { category: t(membershipCategoryLabel[box.category]) })
    ) : box.state === 'closed' ? (
      <Message t={t} id="visa.closed" params={{ date: <DateText ctx={ctx} date={box.deadline} /> }} />
    ) : (
      <Message t={t} id="visa.available" params={{ date: <DateText ctx={ctx} date={props.detail.deadlines.visaSupport} /> }} />
    );
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
          <TextField ctx={ctx} form={form} name={f('nameInPassport')} required label={t('visa.nameInPassport')} autocomplete="name" />
          <SelectField
            ctx={ctx}
            form={form}
            name={f('sex')}
            required
            label={t('visa.sex')}
            options={[{ value: '', label: t('visa.choose') }, ...sexes.map((s) => ({ value: s, label: t(sexLabel[s]) }))]}
          />
          <TextField ctx={ctx} form={form} name={f('dateOfBirth')} required type="date" label={t('visa.dateOfBirth')} autocomplete="bday" />
          <TextField ctx={ctx} form={form} name={f('placeOfBirth')} required label={t('visa.placeOfBirth')} />
          <SelectField
            ctx={ctx}
            form={form}
            name={f('nationality')}
            required
            label={t('visa.nationality')}
            options={countryOptions(ctx, t('visa.choose'))}
          />
          <TextField ctx={ctx} form={form} name={f('passportNumber')} required label={t('visa.passportNumber')} autocomplete="off" />
          <TextField ctx={ctx} form={form} name={f('passportIssuedOn')} required type="date" label={t('visa.passportIssuedOn')} />
          <TextField
            ctx={ctx}
            form={form}
            name={f('passportExpiresOn')}
            required
            type="date"
            label={t('visa.passportExpiresOn')}
            hint={t('visa.passportExpiresOn.hint')}
          />
          <TextField ctx={ctx} form={form} name={f('issuingAuthority')} required label={t('visa.issuingAuthority')} />
          <TextField
            ctx={ctx}
            form={form}
            name={f('representation_city')}
            required
            label={t('visa.representationCity')}
            hint={t('visa.representation.hint')}
          />
          <SelectField
            ctx={ctx}
            form={form}
            name={f('representation_country')}
            required
            label={t('visa.representationCountry')}
            options={countryOptions(ctx, t('visa.choose'))}
          />
          <TextField ctx={ctx} form={form} name={f('arrivalDate')} required type="date" label={t('visa.arrivalDate')} />
          <TextField ctx={ctx} form={form} name={f('departureDate')} required type="date" label={t('visa.departureDate')} />
        </div>
      )}
    </fieldset>
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
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('visa.askTitle', { number: props.number })}>
      <p class="eyebrow">
        <a href={registrationPaths.registration({ id: props.registrationId })}>{t('registration.number', { number: props.number })}</a> ·{' '}
        <Localized ctx={ctx} text={detail.meeting.title} />
      </p>
      <h1>{t('visa.askTitle', { number: props.number })}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={visaPaths.request({ id: props.registrationId })} novalidate>
        <CsrfField ctx={ctx} />
        {props.box.state === 'available' && <RequiredNote ctx={ctx} />}
        <VisaFields ctx={ctx} form={form} box={props.box} detail={detail} asked />
        {props.box.state === 'available' && <SubmitButton>{t('visa.askSubmit')}</SubmitButton>}
      </form>
    </Layout>
  );
}

/** On a registration's page: the request's state and letter, or the way to ask for one. */
export function RegistrationVisaSection(props: { ctx: ViewContext; registrationId: number; visa: VisaPiece | null; canAsk: boolean }) {
  const { ctx, visa } = props;
  const { t } = ctx;
  return (
    <>
      {visa && (
        <section aria-labelledby="visa-h">
          <h2 id="visa-h">{t('visa.title')}</h2>
          <p>
            {t('visa.statusLabel')}: <strong>{t(visaStatusLabel[visa.status])}</strong>
          </p>
          {visa.status === 'rejected' && visa.reason && (
            <p>
              {t('visa.reason')}: {visa.reason}
            </p>
          )}
          {visa.letterAvailable && (
            <p>
              <a class="button" href={visaPaths.letter({ id: props.registrationId })}>
                {t('visa.downloadLetter')}
              </a>
            </p>
          )}
        </section>
      )}
      {props.canAsk && (
        <p>
          <a class="button" href={visaPaths.request({ id: props.registrationId })}>
            {t('visa.ask')}
          </a>
        </p>
      )}
    </>
  );
}
