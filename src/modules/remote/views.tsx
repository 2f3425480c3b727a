import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/http/request-context.ts';
import { CsrfField, ErrorSummary, type FormState, SubmitButton, TextArea, TextField } from '../../platform/ui/forms.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import { Localized } from '../../platform/ui/localized.tsx';
import { Paragraphs } from '../../platform/ui/text.tsx';
import { DateRangeText } from '../../platform/ui/units.tsx';
import { subgroupName } from '../groups/views/group-page.tsx';
import { meetingPaths } from '../meetings/paths.ts';
import type { MeetingDetail, SessionView } from '../meetings/service.ts';
import { MeetingNav } from '../meetings/views/meeting-nav.tsx';
import { remotePaths } from './paths.ts';
import type { RemoteBlock, RemotePanel } from './service.ts';

function BlockFacts(props: { ctx: ViewContext; block: RemoteBlock }) {
  const { t } = props.ctx;
  const b = props.block;
  return (
    <dl class="facts">
      {b.link && (
        <>
          <dt>{t('remote.link')}</dt>
          <dd>
            <a href={b.link} rel="noopener noreferrer">
              {b.link}
            </a>
          </dd>
        </>
      )}
      {b.meetingCode && (
        <>
          <dt>{t('remote.meetingCode')}</dt>
          <dd>{b.meetingCode}</dd>
        </>
      )}
      {b.passcode && (
        <>
          <dt>{t('remote.passcode')}</dt>
          <dd>{b.passcode}</dd>
        </>
      )}
      {b.dialIn && (
        <>
          <dt>{t('remote.dialIn')}</dt>
          <dd>
            <Paragraphs text={b.dialIn} />
          </dd>
        </>
      )}
      {b.notes && (
        <>
          <dt>{t('remote.notes')}</dt>
          <dd>
            <Paragraphs text={b.notes} />
          </dd>
        </>
      )}
    </dl>
  );
}

function SessionHeading(props: { ctx: ViewContext; session: SessionView }) {
  const { ctx, session: s } = props;
  return (
    <>
      {subgroupName(ctx, s)} – <Localized ctx={ctx} text={s.subgroupTitle} /> (
      <DateRangeText ctx={ctx} start={s.startDate} end={s.endDate} />)
    </>
  );
}

/**
 * The meeting page's remote-participation block for one reader. Rendered per request from a panel the
 * service decided; never cached or shared between readers.
 */
export function RemoteSection(props: { ctx: ViewContext; meetingId: number; panel: RemotePanel }) {
  const { ctx, panel } = props;
  const { t } = ctx;
  if (panel.state === 'hidden') return null;
  return (
    <section aria-labelledby="remote-h" id="remote">
      <h2 id="remote-h">{t('remote.title')}</h2>
      {panel.state === 'note' ? (
        <p>{t('remote.neutral')}</p>
      ) : (
        <>
          {!panel.offered && <p class="hint">{t('remote.inPersonOnly')}</p>}
          {!panel.details.whole && panel.details.sessions.length === 0 && <p>{t('remote.notYet')}</p>}
          {panel.details.whole && (
            <>
              <h3>{t('remote.wholeMeeting')}</h3>
              <BlockFacts ctx={ctx} block={panel.details.whole} />
            </>
          )}
          {panel.details.sessions.map(({ session, block }) => (
            <>
              <h3>
                <SessionHeading ctx={ctx} session={session} />
              </h3>
              <BlockFacts ctx={ctx} block={block} />
            </>
          ))}
          {(panel.details.whole || panel.details.sessions.length > 0) && <p class="hint">{t('remote.keepPrivate')}</p>}
          {panel.secretariat && (
            <p class="admin-actions">
              <a class="button" href={remotePaths.settings({ id: props.meetingId })}>
                {t('remote.edit')}
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function BlockFields(props: { ctx: ViewContext; form: FormState; prefix: string; legend: ComponentChildren }) {
  const { ctx, form, prefix } = props;
  const { t } = ctx;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <TextField
        ctx={ctx}
        form={form}
        name={`${prefix}_link`}
        type="url"
        label={t('remote.link')}
        hint={t('remote.form.linkHint')}
        dir="ltr"
      />
      <div class="row">
        <TextField ctx={ctx} form={form} name={`${prefix}_meetingCode`} label={t('remote.meetingCode')} dir="ltr" />
        <TextField ctx={ctx} form={form} name={`${prefix}_passcode`} label={t('remote.passcode')} dir="ltr" />
      </div>
      <TextArea ctx={ctx} form={form} name={`${prefix}_dialIn`} label={t('remote.dialIn')} rows={3} />
      <TextArea ctx={ctx} form={form} name={`${prefix}_notes`} label={t('remote.notes')} rows={3} />
    </fieldset>
  );
}

export function RemoteFormPage(props: { ctx: ViewContext; detail: MeetingDetail; form: FormState; notice?: string }) {
  const { ctx, detail, form } = props;
  const { t } = ctx;
  const m = detail.meeting;
  return (
    <Layout ctx={ctx} title={t('remote.form.title')} notice={props.notice}>
      <MeetingNav ctx={ctx} detail={detail} current="remote" />
      <h1>{t('remote.form.title')}</h1>
      <p>
        <a href={meetingPaths.meeting({ id: m.id })}>{t('meeting.backToPage')}</a>
      </p>
      <p>{t('remote.form.intro')}</p>
      {m.mode === 'in-person' && <p class="hint">{t('remote.inPersonOnly')}</p>}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={remotePaths.settings({ id: m.id })} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          form={form}
          name="daysBefore"
          type="number"
          label={t('remote.form.daysBefore')}
          hint={t('remote.form.daysBeforeHint')}
          required
        />
        <BlockFields ctx={ctx} form={form} prefix="whole" legend={t('remote.wholeMeeting')} />
        {detail.sessions.map((s) => (
          <BlockFields ctx={ctx} form={form} prefix={`sessions_${s.id}`} legend={<SessionHeading ctx={ctx} session={s} />} />
        ))}
        <SubmitButton>{t('form.save')}</SubmitButton>
      </form>
    </Layout>
  );
}
