import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatDateRange } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { meetingPaths } from '../paths.ts';
import type { MeetingDetail } from '../service.ts';
import { venueText } from '../venue.ts';
import { meetingModeLabel } from '../vocabulary.ts';

function MeetingList(props: { ctx: ViewContext; meetings: MeetingDetail[] }) {
  const { ctx } = props;
  return (
    <ul class="meetings">
      {props.meetings.map((m) => (
        <li>
          <a href={meetingPaths.meeting({ id: m.meeting.id })}>{pick(m.meeting.title, ctx.locale)}</a>
          <br />
          <span class="meta">
            {m.firstDay && formatDateRange(m.firstDay, m.lastDay, ctx.locale)}
            {venueText(m.meeting, ctx.locale, { named: false }) && ` · ${venueText(m.meeting, ctx.locale, { named: false })}`}
            {` · ${ctx.t(meetingModeLabel[m.meeting.mode])}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** At the end of a group's page: the meetings it has held, latest first. */
export function PastMeetings(props: { ctx: ViewContext; past: MeetingDetail[] }) {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="past-h">
      <h2 id="past-h">{t('group.pastMeetings')}</h2>
      {props.past.length ? <MeetingList ctx={props.ctx} meetings={props.past} /> : <p>{t('group.noPast')}</p>}
    </section>
  );
}
