import { BarChart } from '../../../platform/export/bar-chart.tsx';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { countryName, formatDate } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { DataTable } from '../../../platform/ui/components.tsx';
import { type FormState, SelectField, SubmitButton, TextField } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import { countryOptions } from '../../accounts/views/profile-fields.tsx';
import { membershipCategories, membershipCategoryLabel, type PersonalTitle, personalTitleLabel } from '../../accounts/vocabulary.ts';
import type { MeetingDetail } from '../../meetings/service.ts';
import { MeetingNav } from '../../meetings/views/meeting-nav.tsx';
import { registrationPaths } from '../paths.ts';
import { participationModeLabel, participationModes, registrationStatuses, registrationStatusLabel } from '../vocabulary.ts';
import { type ConsoleFilters, type ConsoleRegistration, type Participant, partColumns, type RegistrationCounts } from './service.ts';

const messages = (ctx: ViewContext) => ctx.t;

/** "Dr Wei Zhang"; in Chinese the honorific follows the name ("Wei Zhang 博士"). */
function fullName(ctx: ViewContext, p: { title: PersonalTitle; givenName: string; familyName: string }): string {
  const name = `${p.givenName} ${p.familyName}`;
  if (!p.title) return name;
  const title = ctx.t(personalTitleLabel[p.title]);
  return ctx.locale === 'zh' ? `${name} ${title}` : `${title} ${name}`;
}

function FilterForm(props: { ctx: ViewContext; action: string; filters: ConsoleFilters }) {
  const { ctx } = props;
  const { t } = ctx;
  const c = messages(ctx);
  const form: FormState = { values: { ...props.filters }, errors: [] };
  const all = { value: '', label: c('regConsole.all') };
  return (
    <section aria-labelledby="filters-h">
      <h2 id="filters-h">{c('regConsole.filters')}</h2>
      <form method="get" action={props.action} role="search" aria-labelledby="filters-h">
        <TextField ctx={ctx} form={form} name="q" type="search" label={c('regConsole.search')} hint={c('regConsole.search.hint')} />
        <div class="row">
          <SelectField
            ctx={ctx}
            form={form}
            name="mode"
            label={c('regConsole.col.mode')}
            options={[all, ...participationModes.map((m) => ({ value: m, label: t(participationModeLabel[m]) }))]}
          />
          <SelectField
            ctx={ctx}
            form={form}
            name="status"
            label={c('regConsole.col.status')}
            options={[all, ...registrationStatuses.map((s) => ({ value: s, label: t(registrationStatusLabel[s]) }))]}
          />
          <SelectField ctx={ctx} form={form} name="country" label={c('regConsole.col.country')} options={countryOptions(ctx, all.label)} />
          <SelectField
            ctx={ctx}
            form={form}
            name="category"
            label={c('regConsole.col.category')}
            options={[all, ...membershipCategories.map((k) => ({ value: k, label: t(membershipCategoryLabel[k]) }))]}
          />
        </div>
        <SubmitButton>{c('regConsole.apply')}</SubmitButton>
        <p>
          <a href={props.action}>{c('regConsole.clear')}</a>
        </p>
      </form>
    </section>
  );
}

/**
 * The registrations, one row each: who (name, organization, country and address in one cell), category, how they
 * take part, status, the parts' columns and the day. Fits a desktop; in between it scrolls in its own region,
 * and on a phone each registration is a block of "label: value" lines.
 */
function RegistrationsTable(props: { ctx: ViewContext; detail: MeetingDetail; meeting: string; rows: ConsoleRegistration[] }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  const c = messages(ctx);
  if (props.rows.length === 0) return <p>{c('regConsole.none')}</p>;
  const columns = partColumns().map((p) => p.column);
  const label = {
    number: c('regConsole.col.number'),
    participant: c('regConsole.col.participant'),
    category: c('regConsole.col.category'),
    mode: c('regConsole.col.mode'),
    status: c('regConsole.col.status'),
    registeredOn: c('regConsole.col.registeredOn'),
  };
  const caption = c('regConsole.caption', { meeting: props.meeting });
  return (
    <DataTable
      caption={<Message t={t} id="regConsole.caption" params={{ meeting: <Localized ctx={ctx} text={props.detail.meeting.title} /> }} />}
      label={caption}
      stack
    >
      <thead>
        <tr>
          <th scope="col">{label.number}</th>
          <th scope="col">{label.participant}</th>
          <th scope="col">{label.category}</th>
          <th scope="col">{label.mode}</th>
          <th scope="col">{label.status}</th>
          {columns.map((column) => (
            <th scope="col">{c(column.header)}</th>
          ))}
          <th scope="col">{label.registeredOn}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => {
          const day = r.createdAt.toISOString().slice(0, 10);
          return (
            <tr>
              <td data-label={label.number}>
                <a class="nowrap" href={registrationPaths.registration({ id: r.id })}>
                  {r.number}
                </a>
              </td>
              <td data-label={label.participant}>
                <span class="cell-lines">
                  <strong>
                    <bdi>{fullName(ctx, r)}</bdi>
                  </strong>
                  <span class="meta">
                    {r.organization && (
                      <>
                        <bdi>{r.organization}</bdi>
                        {r.country && ' · '}
                      </>
                    )}
                    {r.country && countryName(r.country, locale)}
                  </span>
                  <a class="address" href={`mailto:${r.email}`}>
                    <bdi>{r.email}</bdi>
                  </a>
                </span>
              </td>
              <td data-label={label.category}>{t(membershipCategoryLabel[r.category])}</td>
              <td data-label={label.mode}>
                <span class="cell-lines">
                  {t(participationModeLabel[r.mode])}
                  {r.sessions.length > 0 && <span class="meta">{r.sessions.join(', ')}</span>}
                </span>
              </td>
              <td data-label={label.status}>{t(registrationStatusLabel[r.status])}</td>
              {columns.map((column) => {
                const value = r.partColumns[column.field];
                return <td data-label={c(column.header)}>{value ? column.label(value, t) : ''}</td>;
              })}
              <td data-label={label.registeredOn}>
                <time dateTime={day}>{formatDate(day, locale)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

export function RegistrationConsolePage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  filters: ConsoleFilters;
  rows: ConsoleRegistration[];
  counts: RegistrationCounts;
}) {
  const { ctx, detail, counts } = props;
  const { t, locale } = ctx;
  const c = messages(ctx);
  const id = detail.meeting.id;
  const meeting = pick(detail.meeting.title, locale);
  // The downloads export exactly what is shown.
  const shown = { ...props.filters };
  return (
    <Layout ctx={ctx} title={c('regConsole.title', { meeting })}>
      <MeetingNav ctx={ctx} detail={detail} current="registrations" />
      <h1>{c('regConsole.heading')}</h1>
      <p>
        <a href="/console">{t('console.title')}</a> ·{' '}
        <a href={registrationPaths.participants({ id })}>{c('regConsole.participantsLink')}</a> ·{' '}
        <a href={registrationPaths.registerOnBehalf({ id })}>{t('regConsole.registerSomeone')}</a>
      </p>
      <FilterForm ctx={ctx} action={registrationPaths.console({ id })} filters={props.filters} />
      <section aria-labelledby="results-h">
        <h2 id="results-h">{c('regConsole.shown', { count: props.rows.length })}</h2>
        <nav aria-label={c('regConsole.downloads')}>
          <ul>
            <li>
              <a href={registrationPaths.consoleCsv({ id }, shown)} download>
                {c('regConsole.downloadCsv')}
              </a>
            </li>
            <li>
              <a href={registrationPaths.consoleXlsx({ id }, shown)} download>
                {c('regConsole.downloadXlsx')}
              </a>
            </li>
          </ul>
        </nav>
        <RegistrationsTable ctx={ctx} detail={detail} meeting={meeting} rows={props.rows} />
      </section>
      <section aria-labelledby="totals-h">
        <h2 id="totals-h">{c('regConsole.totals')}</h2>
        <dl class="facts">
          {registrationStatuses.map((s) => (
            <>
              <dt>{t(registrationStatusLabel[s])}</dt>
              <dd>{counts.byStatus.find((x) => x.key === s)?.count ?? 0}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">{c('regConsole.stats')}</h2>
        <p class="hint">{c('regConsole.stats.hint')}</p>
        <BarChart
          dir={ctx.dir}
          title={c('regConsole.byMode')}
          emptyText={c('regConsole.noData')}
          data={counts.byMode.map((x) => ({ label: t(participationModeLabel[x.key]), value: x.count }))}
        />
        <BarChart
          dir={ctx.dir}
          title={c('regConsole.byCountry')}
          emptyText={c('regConsole.noData')}
          data={counts.byCountry.map((x) => ({ label: x.key ? countryName(x.key, locale) : c('regConsole.countryNone'), value: x.count }))}
        />
        <BarChart
          dir={ctx.dir}
          title={c('regConsole.byCategory')}
          emptyText={c('regConsole.noData')}
          data={counts.byCategory.map((x) => ({ label: t(membershipCategoryLabel[x.key]), value: x.count }))}
        />
      </section>
    </Layout>
  );
}

export function ParticipantListPage(props: { ctx: ViewContext; detail: MeetingDetail; participants: Participant[] }) {
  const { ctx, detail, participants } = props;
  const { locale } = ctx;
  const c = messages(ctx);
  const meeting = pick(detail.meeting.title, locale);
  return (
    <Layout ctx={ctx} title={c('participants.title', { meeting })}>
      <MeetingNav ctx={ctx} detail={detail} current="participants" />
      <h1>{c('participants.heading')}</h1>
      {participants.length === 0 ? (
        <p>{c('participants.none')}</p>
      ) : (
        <>
          <p>{c('participants.count', { count: participants.length })}</p>
          <table>
            <caption>
              <Message t={c} id="participants.caption" params={{ meeting: <Localized ctx={ctx} text={detail.meeting.title} /> }} />
            </caption>
            <thead>
              <tr>
                <th scope="col">{c('regConsole.col.name')}</th>
                <th scope="col">{c('regConsole.col.organization')}</th>
                <th scope="col">{c('regConsole.col.country')}</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <tr>
                  <td>
                    <bdi>{fullName(ctx, p)}</bdi>
                  </td>
                  <td>{p.organization && <bdi>{p.organization}</bdi>}</td>
                  <td>{countryName(p.country, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}
