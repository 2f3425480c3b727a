import type { ViewContext } from '../../../platform/http/request-context.ts';
import { Localized } from '../../../platform/ui/localized.tsx';
import { DateRangeText } from '../../../platform/ui/units.tsx';
import { meetingPaths } from '../paths.ts';
import type { MeetingDetail } from '../service.ts';
import { venueText } from '../venue.ts';
import { meetingModeLabel } from '../vocabulary.ts';
import { VenuePlace } from './venue-place.tsx';

function MeetingList(props: { ctx: ViewContext; meetings: MeetingDetail[] }) {
  const { ctx } = props;
  return (
    <ul class="meetings">
      {props.meetings.map((m) => (
        <li>
          <a href={meetingPaths.meeting({ id: m.meeting.id })}>
            <Localized ctx={ctx} text={m.meeting.title} />
          </a>
          <br />
          <span class="meta">
            {m.firstDay && <DateRangeText ctx={ctx} start={m.firstDay} end={m.lastDay} />}
            {venueText(m.meeting, ctx.locale, { named: false }) && (
              <>
                {' · '}
                <VenuePlace ctx={ctx} venue={m.meeting} named={false} />
              </>
            )}
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
