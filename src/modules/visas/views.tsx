import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/request-context.ts';
import { countryName, formatDate } from '../../platform/i18n/dates.ts';
import { DataTable } from '../../platform/ui/components.tsx';
import { CsrfField, ErrorSummary, type FormState, SelectField, SubmitButton, TextArea } from '../../platform/ui/forms.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import { Localized, localizedOption } from '../../platform/ui/localized.tsx';
import { DateText } from '../../platform/ui/units.tsx';
import { countryOptions } from '../accounts/views/profile-fields.tsx';
import { membershipCategoryLabel } from '../accounts/vocabulary.ts';
import { visaPaths } from './paths.ts';
import type { listVisaRequests, reviewVisaRequest } from './service.ts';
import { sexLabel, type VisaStatus, visaStatuses, visaStatusLabel } from './vocabulary.ts';

/** The day (UTC) of a moment, as the queue shows when a request came in. */
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

type QueueRow = Awaited<ReturnType<typeof listVisaRequests>>[number];
type Review = Awaited<ReturnType<typeof reviewVisaRequest>>;

export function VisaQueuePage(props: {
  ctx: ViewContext;
  rows: QueueRow[];
  counts: { status: VisaStatus; count: number }[];
  filters: FormState;
  meetings: { id: number; title: Record<string, string> }[];
  notice?: string;
}) {
  const { ctx, rows, filters } = props;
  const { t, locale } = ctx;
  const label = {
    registration: t('registration.heading'),
    name: t('officer.name'),
    nationality: t('visa.nationality'),
    city: t('visa.representationCity'),
    status: t('visa.statusLabel'),
    requestedOn: t('visa.requestedOn'),
  };
  const chosen = (name: string) => (typeof filters.values[name] === 'string' && filters.values[name]) || undefined;
  const byStatus = (status: VisaStatus) => visaPaths.queue({}, { meeting: chosen('meeting'), status, nationality: chosen('nationality') });
  return (
    <Layout ctx={ctx} title={t('visa.queue')} notice={props.notice}>
      <h1>{t('visa.queue')}</h1>
      <form method="get" action={visaPaths.queue()} class="filters">
        <SelectField
          ctx={ctx}
          form={filters}
          name="meeting"
          label={t('visa.filter.meeting')}
          options={[
            { value: '', label: t('visa.filter.all') },
            ...props.meetings.map((m) => ({ value: String(m.id), ...localizedOption(m.title, locale) })),
          ]}
        />
        <SelectField
          ctx={ctx}
          form={filters}
          name="status"
          label={t('visa.statusLabel')}
          options={[{ value: '', label: t('visa.filter.all') }, ...visaStatuses.map((s) => ({ value: s, label: t(visaStatusLabel[s]) }))]}
        />
        <SelectField
          ctx={ctx}
          form={filters}
          name="nationality"
          label={t('visa.nationality')}
          options={countryOptions(ctx, t('visa.filter.all'))}
        />
        <SubmitButton>{t('visa.filter.apply')}</SubmitButton>
      </form>
      <p>{t('visa.queueCount', { count: rows.length })}</p>
      <nav aria-label={t('visa.byStatus')}>
        <ul class="inline-list">
          {props.counts.map(({ status, count }) => (
            <li>
              <a href={byStatus(status)} aria-current={chosen('status') === status ? 'true' : undefined}>
                {t('visa.statusCount', { status: t(visaStatusLabel[status]), count })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length > 0 && (
        <DataTable caption={t('visa.queue')} label={t('visa.queue')} stack>
          <thead>
            <tr>
              <th scope="col">{label.registration}</th>
              <th scope="col">{label.name}</th>
              <th scope="col">{label.nationality}</th>
              <th scope="col">{label.city}</th>
              <th scope="col">{label.status}</th>
              <th scope="col">{label.requestedOn}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td data-label={label.registration}>
                  <span class="cell-lines">
                    <a class="nowrap" href={visaPaths.review({ id: r.id })}>
                      {r.registrationNumber}
                    </a>
                    <span class="meta">
                      <Localized ctx={ctx} text={r.meetingTitle} />
                    </span>
                  </span>
                </td>
                <td data-label={label.name}>
                  <span class="cell-lines">
                    <bdi>
                      {r.givenName} {r.familyName}
                    </bdi>
                    <span class="meta">
                      {r.organization && (
                        <>
                          <bdi>{r.organization}</bdi> ·{' '}
                        </>
                      )}
                      {t(membershipCategoryLabel[r.category])}
                    </span>
                  </span>
                </td>
                <td data-label={label.nationality}>{countryName(r.nationality, locale)}</td>
                <td data-label={label.city}>
                  <bdi>{r.representationCity}</bdi>, {countryName(r.representationCountry, locale)}
                </td>
                <td data-label={label.status}>{t(visaStatusLabel[r.status])}</td>
                <td data-label={label.requestedOn}>
                  <time dateTime={dayOf(r.createdAt)}>{formatDate(dayOf(r.createdAt), locale)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}

export function VisaReviewPage(props: { ctx: ViewContext; review: Review; form: FormState }) {
  const { ctx, review, form } = props;
  const { t, locale } = ctx;
  const p = review.passport;
  const v = review.visa;
  // Names, addresses and passport data are typed in Latin script or the person's own: isolated from the page's direction.
  const data = (text: string) => (text ? <bdi>{text}</bdi> : '');
  const date = (day: string) => <DateText ctx={ctx} date={day} />;
  const facts: [string, ComponentChildren][] = [
    [t('registration.heading'), <span class="nowrap">{review.registration.number}</span>],
    [t('account.email'), data(review.account.email)],
    [t('profile.organization'), data(review.account.organization)],
    [t('profile.category'), t(membershipCategoryLabel[review.account.category])],
    [t('visa.nationality'), countryName(v.nationality, locale)],
    ...(p
      ? ([
          [t('visa.nameInPassport'), data(p.nameInPassport)],
          [t('visa.sex'), t(sexLabel[p.sex])],
          [t('visa.dateOfBirth'), date(p.dateOfBirth)],
          [t('visa.placeOfBirth'), data(p.placeOfBirth)],
          [t('visa.passportNumber'), data(p.passportNumber)],
          [t('visa.passportIssuedOn'), date(p.passportIssuedOn)],
          [t('visa.passportExpiresOn'), date(p.passportExpiresOn)],
          [t('visa.issuingAuthority'), data(p.issuingAuthority)],
        ] as [string, ComponentChildren][])
      : []),
    [
      t('visa.representationCity'),
      <>
        {data(v.representationCity)}, {countryName(v.representationCountry, locale)}
      </>,
    ],
    [t('visa.arrivalDate'), date(v.arrivalDate)],
    [t('visa.departureDate'), date(v.departureDate)],
    [t('visa.statusLabel'), t(visaStatusLabel[v.status])],
  ];
  return (
    <Layout ctx={ctx} title={t('visa.review', { number: review.registration.number })}>
      <p>
        <a href={visaPaths.queue()}>{t('visa.backToQueue')}</a>
      </p>
      <h1>{t('visa.review', { number: review.registration.number })}</h1>
      <p class="hint">{t('visa.auditNote')}</p>
      <dl class="facts">
        {facts.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
        {v.reason && (
          <>
            <dt>{t('visa.reason')}</dt>
            <dd>{v.reason}</dd>
          </>
        )}
        {v.letterReference && (
          <>
            <dt>{t('visa.letterReference')}</dt>
            <dd>
              <a href={visaPaths.letter({ id: review.registration.id })}>{v.letterReference}</a>
            </dd>
          </>
        )}
      </dl>
      {v.status === 'requested' && (
        <>
          <ErrorSummary ctx={ctx} form={form} />
          <form method="post" action={visaPaths.approve({ id: v.id })}>
            <CsrfField ctx={ctx} />
            <SubmitButton>{t('visa.approve')}</SubmitButton>
          </form>
          <form method="post" action={visaPaths.reject({ id: v.id })} novalidate>
            <CsrfField ctx={ctx} />
            <TextArea ctx={ctx} form={form} name="reason" label={t('visa.rejectReason')} required rows={3} />
            <div class="actions">
              <button type="submit" class="secondary">
                {t('visa.reject')}
              </button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}
