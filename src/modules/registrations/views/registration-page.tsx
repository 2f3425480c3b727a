import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import { CsrfField, ErrorSummary, type FormState, SubmitButton } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import { Outcome } from '../../../platform/ui/outcome.tsx';
import { DateText } from '../../../platform/ui/units.tsx';
import { meetingPaths } from '../../meetings/paths.ts';
import { deadlineState } from '../../meetings/rules.ts';
import type { MeetingDetail } from '../../meetings/service.ts';
import { registrationPaths } from '../paths.ts';
import type { RegistrationView } from '../view.ts';
import { participationModeLabel, registrationStatusLabel } from '../vocabulary.ts';
import { ModeChoices, SessionChoices } from './register-page.tsx';

export function RegistrationPage(props: {
  ctx: ViewContext;
  detail: MeetingDetail;
  registration: RegistrationView;
  open: boolean;
  form: FormState;
  notice?: string;
  /** Each part's section (registrationSections). */
  sections: ComponentChildren[];
  /** Arrived here from the registration form: say what happened and what comes next. */
  justRegistered?: boolean;
  now: Date;
}) {
  const { ctx, detail, registration: r, form } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('registration.number', { number: r.number })} notice={props.notice}>
      <p class="eyebrow">
        <a href={meetingPaths.meeting({ id: detail.meeting.id })}>
          <Localized ctx={ctx} text={detail.meeting.title} />
        </a>
      </p>
      <h1>{t('registration.number', { number: r.number })}</h1>
      {props.justRegistered && <RegisteredOutcome ctx={ctx} detail={detail} registration={r} now={props.now} />}
      <dl class="facts">
        <dt>{t('registration.status')}</dt>
        <dd>
          <strong>{t(registrationStatusLabel[r.status])}</strong>
          {r.waitlistPosition !== null && ` — ${t('registration.waitlistPosition', { position: r.waitlistPosition })}`}
        </dd>
        {r.status === 'declined' && r.declineReason && (
          <>
            <dt>{t('registration.declineReason')}</dt>
            <dd>{r.declineReason}</dd>
          </>
        )}
        <dt>{t('registration.mode')}</dt>
        <dd>{t(participationModeLabel[r.mode])}</dd>
        <dt>{t('registration.sessions')}</dt>
        <dd>{r.sessions.join(', ')}</dd>
      </dl>
      {r.status === 'pending-approval' && (
        <Alert tone="info" title={t('registration.pendingApproval.title')}>
          {t('registration.pendingApproval.body')}
        </Alert>
      )}
      {props.sections}
      {r.status !== 'cancelled' && r.status !== 'declined' && props.open && (
        <>
          <section aria-labelledby="change-h">
            <h2 id="change-h">{t('registration.change')}</h2>
            <ErrorSummary ctx={ctx} form={form} />
            <form method="post" action={registrationPaths.registration({ id: r.id })} novalidate>
              <CsrfField ctx={ctx} />
              <ModeChoices ctx={ctx} form={form} meetingMode={detail.meeting.mode} />
              <SessionChoices ctx={ctx} form={form} detail={detail} />
              <SubmitButton>{t('form.save')}</SubmitButton>
            </form>
          </section>
          <section aria-labelledby="cancel-h">
            <h2 id="cancel-h">{t('registration.cancel')}</h2>
            <form method="post" action={registrationPaths.cancel({ id: r.id })} data-confirm={t('registration.cancelConfirm')}>
              <CsrfField ctx={ctx} />
              <button type="submit" class="secondary">
                {t('registration.cancel')}
              </button>
            </form>
          </section>
        </>
      )}
      {!props.open && r.status !== 'cancelled' && r.status !== 'declined' && (
        <p>
          {
            <Message
              t={t}
              id="registration.closedNote"
              params={{ date: <DateText ctx={{ locale }} date={detail.deadlines.registration} /> }}
            />
          }
        </p>
      )}
      {(r.status === 'cancelled' || r.status === 'declined') && props.open && (
        <p>
          <a href={registrationPaths.register({ id: detail.meeting.id })}>{t('registration.registerAgain')}</a>
        </p>
      )}
    </Layout>
  );
}

/** After registering: the number, the mail that was sent, and the deadlines still ahead for this person. */
function RegisteredOutcome(props: { ctx: ViewContext; detail: MeetingDetail; registration: RegistrationView; now: Date }) {
  const { ctx, detail, registration: r, now } = props;
  const { t } = ctx;
  const zone = detail.meeting.timeZone;
  const open = (date: string) => deadlineState(date, zone, now).state === 'open';
  const meeting = <Localized ctx={ctx} text={detail.meeting.title} />;
  const date = (day: string) => <DateText ctx={ctx} date={day} />;
  const { visaSupport, contributions, registration } = detail.deadlines;
  const next = [
    ...(r.status === 'waitlisted' ? [t('registration.next.waitlist')] : []),
    ...(r.status === 'pending-approval' ? [t('registration.next.approval')] : []),
    ...(r.mode === 'in-person' && open(visaSupport)
      ? [<Message t={t} id="registration.next.visa" params={{ date: date(visaSupport) }} />]
      : []),
    ...(open(contributions)
      ? [
          <>
            <Message t={t} id="registration.next.contributions" params={{ date: date(contributions) }} />{' '}
            <a href={meetingPaths.meeting({ id: detail.meeting.id })}>{t('registration.next.meetingPage')}</a>
          </>,
        ]
      : []),
    ...(open(registration) ? [<Message t={t} id="registration.next.change" params={{ date: date(registration) }} />] : []),
    <a href={registrationPaths.mine()}>{t('registration.next.calendar')}</a>,
  ];
  return (
    <Outcome
      title={
        r.status === 'waitlisted' ? (
          <Message t={t} id="registration.done.waitlisted" params={{ meeting, position: r.waitlistPosition ?? 0 }} />
        ) : r.status === 'pending-approval' ? (
          <Message t={t} id="registration.done.pendingApproval" params={{ meeting }} />
        ) : (
          <Message t={t} id="registration.done.registered" params={{ meeting }} />
        )
      }
      done={[
        <Message t={t} id="registration.done.number" params={{ number: <span class="nowrap">{r.number}</span> }} />,
        <Message t={t} id="registration.done.mail" params={{ email: <bdi>{ctx.actor?.email ?? ''}</bdi> }} />,
      ]}
      nextLabel={t('outcome.next')}
      next={next}
    />
  );
}

export function MyRegistrationsPage(props: {
  ctx: ViewContext;
  items: { registration: RegistrationView; detail: MeetingDetail; summary: string[] }[];
  feed: string;
  notice?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('registration.mine')} notice={props.notice}>
      <h1>{t('registration.mine')}</h1>
      {props.items.length === 0 ? (
        <p>{t('registration.none')}</p>
      ) : (
        <ul class="meetings">
          {props.items.map(({ registration: r, detail, summary }) => (
            <li>
              <a href={registrationPaths.registration({ id: r.id })}>
                <span class="nowrap">{r.number}</span> — <Localized ctx={ctx} text={detail.meeting.title} />
              </a>{' '}
              <span class="meta">
                {t(registrationStatusLabel[r.status])}
                {summary.map((s) => ` · ${s}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="feed-h">
        <h2 id="feed-h">{t('calendar.feed')}</h2>
        <p>{t('calendar.feedHint')}</p>
        <p>
          <label for="feed-url">{t('calendar.feedAddress')}</label>
          <input id="feed-url" type="text" readonly value={props.feed} dir="ltr" />
        </p>
        <form method="post" action={registrationPaths.resetCalendar()}>
          <CsrfField ctx={ctx} />
          <p class="hint">{t('calendar.resetHint')}</p>
          <div class="actions">
            <button type="submit">{t('calendar.reset')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
