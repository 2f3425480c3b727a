import type { ViewContext } from '../../../platform/http/request-context.ts';
import { Badge, Card, EmptyState } from '../../../platform/ui/components.tsx';
import { Localized, Message } from '../../../platform/ui/localized.tsx';
import { DateRangeText, DateText } from '../../../platform/ui/units.tsx';
import { meetingPaths } from '../paths.ts';
import { deadlineState } from '../rules.ts';
import type { MeetingDetail } from '../service.ts';
import { venueText } from '../venue.ts';
import { deadlineKinds, deadlineLabel, meetingModeLabel } from '../vocabulary.ts';
import { VenuePlace } from './venue-place.tsx';

/** The first deadline still open, if any. */
function nextDeadline(detail: MeetingDetail, now: Date) {
  return deadlineKinds
    .map((kind) => ({ kind, date: detail.deadlines[kind] }))
    .filter((d) => deadlineState(d.date, detail.meeting.timeZone, now).state === 'open')
    .sort((a, b) => a.date.localeCompare(b.date))[0];
}

/** The meetings ahead, soonest first, each with its dates, place and next deadline. */
export function UpcomingMeetings(props: {
  ctx: ViewContext;
  meetings: MeetingDetail[];
  now: Date;
  /** On a group's own page the group's code says nothing new. */
  showGroup?: boolean;
  title?: string;
  empty?: string;
}) {
  const { ctx } = props;
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="upcoming-h">
      <h2 id="upcoming-h">{props.title ?? t('home.upcoming')}</h2>
      {props.meetings.length === 0 ? (
        <EmptyState icon="calendar" title={props.empty ?? t('home.noUpcoming')} />
      ) : (
        <ul class="card-grid">
          {props.meetings.map((detail) => {
            const m = detail.meeting;
            const next = nextDeadline(detail, props.now);
            const place = venueText(m, locale, { named: false });
            return (
              <li>
                <Card
                  headingLevel={3}
                  title={
                    <a href={meetingPaths.meeting({ id: m.id })}>
                      <Localized ctx={ctx} text={m.title} />
                    </a>
                  }
                  aside={props.showGroup === false ? undefined : <Badge tone="neutral">{detail.group.code}</Badge>}
                >
                  <p class="meta">
                    {detail.firstDay && <DateRangeText ctx={ctx} start={detail.firstDay} end={detail.lastDay} />}
                    {place && (
                      <>
                        {' · '}
                        <VenuePlace ctx={ctx} venue={m} named={false} />
                      </>
                    )}
                    {` · ${t(meetingModeLabel[m.mode])}`}
                  </p>
                  {next && (
                    <p>
                      {
                        <Message
                          t={t}
                          id="home.nextDeadline"
                          params={{ what: t(deadlineLabel[next.kind]), date: <DateText ctx={{ locale }} date={next.date} /> }}
                        />
                      }
                    </p>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
