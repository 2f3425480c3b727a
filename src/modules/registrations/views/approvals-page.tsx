import type { ViewContext } from '../../../platform/http/request-context.ts';
import { countryName, formatDate } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Alert, DataTable, EmptyState, PageHeader } from '../../../platform/ui/components.tsx';
import { CsrfField, ErrorSummary, type FormState, recordLabel, TextArea } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized } from '../../../platform/ui/localized.tsx';
import { DateRangeText } from '../../../platform/ui/units.tsx';
import { membershipCategoryLabel } from '../../accounts/vocabulary.ts';
import type { MeetingDetail } from '../../meetings/service.ts';
import type { WaitingRegistration } from '../approvals.ts';
import { registrationPaths } from '../paths.ts';
import { participationModeLabel } from '../vocabulary.ts';

/** What the page says after a decision: how many were approved or declined. */
export interface ApprovalsDone {
  decision: 'approved' | 'declined';
  count: number;
}

/**
 * A focal point's (or the secretariat's) queue of registrations waiting for approval, meeting by meeting: tick
 * the people, then approve them, or decline them with a reason the person is told. One form, no script needed.
 */
export function ApprovalsPage(props: {
  ctx: ViewContext;
  list: WaitingRegistration[];
  meetings: MeetingDetail[];
  form: FormState;
  done?: ApprovalsDone;
  secretariat: boolean;
}) {
  const { ctx, list, form } = props;
  const { t, locale } = ctx;
  const chosen = new Set([form.values.registrationIds ?? []].flat().map(String));
  recordLabel(form, 'registrationIds', t('approvals.choose'));
  return (
    <Layout ctx={ctx} title={t('approvals.title')}>
      <PageHeader title={t('approvals.title')} lead={t(props.secretariat ? 'approvals.lead.secretariat' : 'approvals.lead')} />
      {props.done && (
        <Alert tone="success" live>
          {t(props.done.decision === 'approved' ? 'approvals.done.approved' : 'approvals.done.declined', { count: props.done.count })}
        </Alert>
      )}
      {list.length === 0 ? (
        <EmptyState icon="check" title={t('approvals.empty')} />
      ) : (
        <form method="post" action={registrationPaths.approvals()} novalidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} />
          <fieldset id="f-registrationIds">
            <legend>{t('approvals.choose')}</legend>
            {props.meetings.map((detail) => {
              const rows = list.filter((r) => r.meetingId === detail.meeting.id);
              if (rows.length === 0) return null;
              const title = pick(detail.meeting.title, locale);
              return (
                <DataTable
                  stack
                  label={title}
                  caption={
                    <>
                      <Localized ctx={ctx} text={detail.meeting.title} isolate /> ·{' '}
                      <DateRangeText ctx={ctx} start={detail.firstDay} end={detail.lastDay} />
                    </>
                  }
                >
                  <thead>
                    <tr>
                      <th scope="col">
                        <span class="visually-hidden">{t('approvals.chooseOne')}</span>
                      </th>
                      <th scope="col">{t('approvals.col.person')}</th>
                      <th scope="col">{t('approvals.col.category')}</th>
                      <th scope="col">{t('approvals.col.mode')}</th>
                      <th scope="col">{t('approvals.col.registeredOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => {
                      const name = `${r.person.givenName} ${r.person.familyName}`.trim();
                      const day = r.createdAt.toISOString().slice(0, 10);
                      return (
                        <tr>
                          <td data-label={t('approvals.chooseOne')}>
                            <input
                              type="checkbox"
                              name="registrationIds"
                              value={String(r.id)}
                              id={`approve-${r.id}`}
                              checked={chosen.has(String(r.id))}
                            />
                          </td>
                          <td data-label={t('approvals.col.person')}>
                            <label for={`approve-${r.id}`} class="cell-lines">
                              <strong>
                                <bdi>{name}</bdi>
                              </strong>
                              <bdi class="address">{r.person.email}</bdi>
                              <span class="meta">
                                {r.person.country && `${countryName(r.person.country, locale)} · `}
                                <bdi class="nowrap">{r.number}</bdi>
                              </span>
                            </label>
                          </td>
                          <td data-label={t('approvals.col.category')}>
                            {r.person.category in membershipCategoryLabel
                              ? t(membershipCategoryLabel[r.person.category as keyof typeof membershipCategoryLabel])
                              : r.person.category}
                          </td>
                          <td data-label={t('approvals.col.mode')}>
                            <span class="cell-lines">
                              {t(participationModeLabel[r.mode])}
                              {r.sessions.length > 0 && <span class="meta">{r.sessions.join(', ')}</span>}
                            </span>
                          </td>
                          <td data-label={t('approvals.col.registeredOn')}>
                            <time dateTime={day}>{formatDate(day, locale)}</time>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </DataTable>
              );
            })}
          </fieldset>
          <div class="button-row">
            <button type="submit" name="decision" value="approve">
              {t('approvals.approve')}
            </button>
          </div>
          <TextArea ctx={ctx} form={form} name="reason" label={t('approvals.reason')} hint={t('approvals.reason.hint')} rows={3} />
          <div class="button-row">
            <button type="submit" name="decision" value="decline" class="secondary">
              {t('approvals.decline')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
