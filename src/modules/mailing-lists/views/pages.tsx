import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDate, formatTimestamp, languageName } from '../../../platform/i18n/dates.ts';
import { isLocale } from '../../../platform/i18n/index.ts';
import { outboxStatusLabel } from '../../../platform/mail/vocabulary.ts';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  recordLabel,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, localizedOption, Message } from '../../../platform/ui/localized.tsx';
import { TableHead } from '../../../platform/ui/table.tsx';
import { Paragraphs } from '../../../platform/ui/text.tsx';
import { DateText } from '../../../platform/ui/units.tsx';
import { groupPaths } from '../../groups/paths.ts';
import type { GroupRow } from '../../groups/service.ts';
import { meetingPaths } from '../../meetings/paths.ts';
import type { AnnouncementRow } from '../announcement-archive.ts';
import type { AnnouncementReport } from '../delivery-report.ts';
import { listPaths } from '../paths.ts';
import type { StatusCounts } from '../subscribers.ts';
import { type DeliveryStatus, type SubscriptionStatus, subscriptionStatusLabel } from '../vocabulary.ts';

type GroupRef = Pick<GroupRow, 'code' | 'name'>;
const slug = (g: Pick<GroupRow, 'code'>) => g.code.toLowerCase();
const dateOf = (at: Date) => at.toISOString().slice(0, 10);

interface ArchivedAnnouncement {
  id: number;
  subject: string;
  sentAt: Date;
  circularId: number | null;
}

function Archive(props: { ctx: ViewContext; group: GroupRef; announcements: ArchivedAnnouncement[] }) {
  const { t, locale } = props.ctx;
  if (props.announcements.length === 0) return <p>{t('announcement.none')}</p>;
  return (
    <ul class="meetings">
      {props.announcements.map((a) => (
        <li>
          <a href={listPaths.publicAnnouncement({ code: slug(props.group), id: a.id })}>{a.subject}</a>
          <br />
          <span class="meta">
            {formatDate(dateOf(a.sentAt), locale)}
            {a.circularId !== null && ` · ${t('announcement.circularAttached')}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The group page's part: subscribe, the archive, and the secretariat's links. */
export function MailingListSection(props: {
  ctx: ViewContext;
  group: GroupRef;
  announcements: ArchivedAnnouncement[];
  /** Only for the secretariat. */
  counts?: StatusCounts;
}) {
  const { ctx, group } = props;
  const { t } = ctx;
  const code = slug(group);
  return (
    <section aria-labelledby="mailing-list-h" id="mailing-list">
      <h2 id="mailing-list-h">{t('list.title')}</h2>
      <p>{t('list.intro')}</p>
      <form method="post" action={listPaths.subscribe({ code })} novalidate>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="list-email">{t('list.email')}</label>
          <input id="list-email" name="email" type="email" autocomplete="email" value={ctx.actor?.email ?? ''} />
        </div>
        <SubmitButton>{t('list.subscribe')}</SubmitButton>
      </form>
      {props.counts && (
        <p class="admin-actions">
          <a class="button" href={listPaths.newAnnouncement({ code })}>
            {t('announcement.new')}
          </a>{' '}
          <a href={listPaths.subscribers({ code })}>{t('list.subscribers')}</a>{' '}
          <span class="meta">({t('list.subscribers.counts', props.counts)})</span>
        </p>
      )}
      <h3 id="announcements-h">{t('announcement.archive')}</h3>
      <Archive ctx={ctx} group={group} announcements={props.announcements} />
    </section>
  );
}

export function SubscribePage(props: { ctx: ViewContext; group: GroupRef; form: FormState; sentTo?: string; days: number }) {
  const { ctx, group, form } = props;
  const { t, locale } = ctx;
  const title = t('list.page.title', { group: group.code });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: slug(group) })}>{group.code}</a>
      </p>
      <h1>{title}</h1>
      {props.sentTo !== undefined ? (
        <div role="status">
          <h2>{t('list.checkMail.title')}</h2>
          <p>{t('list.checkMail', { email: props.sentTo, days: props.days })}</p>
          <p>
            <a href={groupPaths.group({ code: slug(group) })}>{t('list.backToGroup', { group: group.code })}</a>
          </p>
        </div>
      ) : (
        <>
          <p>{t('list.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <form method="post" action={listPaths.subscribe({ code: slug(group) })} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              ctx={ctx}
              form={form}
              name="email"
              type="email"
              label={t('list.email')}
              hint={t('list.languageHint', { language: languageName(locale, locale) })}
              autocomplete="email"
              required
            />
            <SubmitButton>{t('list.subscribe')}</SubmitButton>
          </form>
        </>
      )}
    </Layout>
  );
}

/** The page a mailed link opens: nothing changes until the button is pressed (mail scanners follow links). */
export function LinkActionPage(props: {
  ctx: ViewContext;
  title: string;
  intro: string;
  action: string;
  submit: string;
  oneClick?: boolean;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <form method="post" action={props.action}>
        <CsrfField ctx={ctx} />
        {props.oneClick && <input type="hidden" name="List-Unsubscribe" value="One-Click" />}
        <SubmitButton>{props.submit}</SubmitButton>
      </form>
    </Layout>
  );
}

export function DonePage(props: { ctx: ViewContext; title: string; message: string; group: Pick<GroupRow, 'code'> }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p role="status">{props.message}</p>
      <p>
        <a href={groupPaths.group({ code: slug(props.group) })}>{ctx.t('list.backToGroup', { group: props.group.code })}</a>
      </p>
    </Layout>
  );
}

export interface MeetingChoice {
  id: number;
  title: Record<string, string>;
  hasCircular: boolean;
}

export function AnnouncementFormPage(props: {
  ctx: ViewContext;
  group: GroupRef;
  form: FormState;
  meetings: MeetingChoice[];
  recipients: number;
}) {
  const { ctx, group, form } = props;
  const { t, locale } = ctx;
  const withCircular = props.meetings.filter((m) => m.hasCircular);
  const checked = ['on', 'true', true].includes(form.values.attachCircular as string | boolean);
  const circularError = form.errors.find((e) => e.field === 'attachCircular');
  recordLabel(form, 'attachCircular', t('announcement.attachCircular'));
  return (
    <Layout ctx={ctx} title={t('announcement.new')}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: slug(group) })}>{group.code}</a>
      </p>
      <h1>{t('announcement.new')}</h1>
      <p>{t('announcement.recipientsNow', { count: props.recipients })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={listPaths.newAnnouncement({ code: slug(group) })} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_idem" value={String(form.values._idem ?? '')} />
        <TextField ctx={ctx} form={form} name="subject" label={t('announcement.subject')} required dir="auto" />
        <TextArea
          ctx={ctx}
          form={form}
          name="body"
          label={t('announcement.body')}
          hint={t('announcement.bodyHint')}
          rows={12}
          required
          dir="auto"
        />
        <SelectField
          ctx={ctx}
          form={form}
          name="meetingId"
          label={t('announcement.meeting')}
          options={[
            { value: '', label: t('announcement.noMeeting') },
            ...props.meetings.map((m) => ({ value: String(m.id), ...localizedOption(m.title, locale) })),
          ]}
        />
        {withCircular.length > 0 ? (
          <div class={circularError ? 'field has-error' : 'field'}>
            {circularError && (
              <p class="field-error" id="f-attachCircular-error">
                {t(circularError.message, circularError.params)}
              </p>
            )}
            <div class="checkbox">
              <input
                type="checkbox"
                id="f-attachCircular"
                name="attachCircular"
                value="on"
                checked={checked}
                aria-invalid={circularError ? 'true' : undefined}
                aria-describedby={circularError ? 'f-attachCircular-hint f-attachCircular-error' : 'f-attachCircular-hint'}
              />
              <label for="f-attachCircular">{t('announcement.attachCircular')}</label>
            </div>
            <p class="hint" id="f-attachCircular-hint">
              <Message
                t={t}
                id="announcement.attachCircularHint"
                params={{
                  meetings: (
                    <>
                      {withCircular.map((m, i) => (
                        <>
                          {i > 0 && ' · '}
                          <Localized ctx={ctx} text={m.title} />
                        </>
                      ))}
                    </>
                  ),
                }}
              />
            </p>
          </div>
        ) : (
          <p class="hint">{t('announcement.noCircular')}</p>
        )}
        <SubmitButton>{t('announcement.send')}</SubmitButton>
      </form>
    </Layout>
  );
}

const statusLabel = (ctx: ViewContext, s: DeliveryStatus) => (s === 'unknown' ? '—' : ctx.t(outboxStatusLabel[s]));

export function AnnouncementReportPage(props: { ctx: ViewContext; report: AnnouncementReport; notice?: string }) {
  const { ctx, report } = props;
  const { t, locale } = ctx;
  const { announcement: a, group, counts } = report;
  return (
    <Layout ctx={ctx} title={`${a.subject} — ${t('announcement.report')}`} notice={props.notice}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: slug(group) })}>{group.code}</a> · {t('announcement.report')}
      </p>
      <h1>{a.subject}</h1>
      <p class="meta">
        {t('announcement.sentOn', { date: `${formatTimestamp(a.sentAt, locale)} UTC` })}
        {a.circularId !== null && ` · ${t('announcement.circularAttached')}`} ·{' '}
        <a href={listPaths.publicAnnouncement({ code: slug(group), id: a.id })}>{t('announcement.publicPage')}</a>
      </p>
      <p role="status">{t('announcement.counts', counts)}</p>
      <table>
        <TableHead
          ctx={ctx}
          caption={t('announcement.recipients')}
          columns={[
            t('announcement.recipients'),
            t('list.language'),
            t('announcement.delivery'),
            t('announcement.attempts'),
            t('announcement.sentAt'),
            t('announcement.lastError'),
          ]}
        />
        <tbody>
          {report.recipients.map((r) => (
            <tr>
              <td>{r.email}</td>
              <td>{isLocale(r.locale) ? languageName(r.locale, locale) : r.locale}</td>
              <td>{statusLabel(ctx, r.status)}</td>
              <td>{r.attempts}</td>
              <td>{r.sentAt ? `${formatTimestamp(r.sentAt, locale)} UTC` : '—'}</td>
              <td>{r.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function PublicAnnouncementPage(props: {
  ctx: ViewContext;
  group: GroupRef;
  announcement: AnnouncementRow;
  meeting: { id: number; title: Record<string, string> } | null;
}) {
  const { ctx, group, announcement: a } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={`${a.subject} — ${group.code}`}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: slug(group) })}>{group.code}</a> · {t('announcement.archive')}
      </p>
      <h1 dir="auto">{a.subject}</h1>
      <p class="meta">
        {<Message t={t} id="announcement.sentOn" params={{ date: <DateText ctx={{ locale }} date={dateOf(a.sentAt)} /> }} />}
        {props.meeting && (
          <>
            {' · '}
            <a href={meetingPaths.meeting({ id: props.meeting.id })}>
              <Localized ctx={ctx} text={props.meeting.title} />
            </a>
          </>
        )}
        {a.circularId !== null && ` · ${t('announcement.circularAttached')}`}
      </p>
      <div dir="auto">
        <Paragraphs text={a.body} />
      </div>
    </Layout>
  );
}

interface SubscriberRow {
  email: string;
  locale: string;
  status: SubscriptionStatus;
  requestedAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

export function SubscribersPage(props: { ctx: ViewContext; group: GroupRef; rows: SubscriberRow[]; counts: StatusCounts }) {
  const { ctx, group } = props;
  const { t, locale } = ctx;
  const stamp = (at: Date | null) => (at ? `${formatTimestamp(at, locale)} UTC` : '—');
  const title = `${t('list.subscribers')} — ${t('list.page.title', { group: group.code })}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="eyebrow">
        <a href={groupPaths.group({ code: slug(group) })}>{group.code}</a>
      </p>
      <h1>{t('list.subscribers')}</h1>
      <p role="status">{t('list.subscribers.counts', props.counts)}</p>
      <p>
        <a href={listPaths.subscribersCsv({ code: slug(group) })}>{t('list.subscribers.csv')}</a>
      </p>
      {props.rows.length === 0 ? (
        <p>{t('list.subscribers.none')}</p>
      ) : (
        <table>
          <TableHead
            ctx={ctx}
            caption={t('list.subscribers')}
            columns={[
              t('list.email'),
              t('list.language'),
              t('list.status'),
              t('list.requestedAt'),
              t('list.confirmedAt'),
              t('list.unsubscribedAt'),
            ]}
          />
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{r.email}</td>
                <td>{isLocale(r.locale) ? languageName(r.locale, locale) : r.locale}</td>
                <td>{t(subscriptionStatusLabel[r.status])}</td>
                <td>{stamp(r.requestedAt)}</td>
                <td>{stamp(r.confirmedAt)}</td>
                <td>{stamp(r.unsubscribedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
