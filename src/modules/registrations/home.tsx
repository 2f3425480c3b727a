import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { viewContext } from '../../platform/http/request-context.ts';
import { Alert, Badge, Card, EmptyState } from '../../platform/ui/components.tsx';
import { Localized } from '../../platform/ui/localized.tsx';
import { renderSlot } from '../../platform/ui/slots.ts';
import { DateRangeText } from '../../platform/ui/units.tsx';
import { meetingPaths } from '../meetings/paths.ts';
import { getMeetings, splitByTime } from '../meetings/service.ts';
import { waitingCount } from './approvals.ts';
import { registrationPaths } from './paths.ts';
import { listMyRegistrations } from './service.ts';
import { registrationSummary } from './slots.ts';
import { participationModeLabel, registrationStatusLabel } from './vocabulary.ts';

const tone = {
  registered: 'success',
  waitlisted: 'warning',
  'pending-approval': 'warning',
  declined: 'danger',
  cancelled: 'neutral',
} as const;

/** On the home page, for someone signed in: the meetings ahead they are registered for, with where they stand. */
export async function myMeetingsSection(ctx: AppContext, req: FastifyRequest) {
  if (!req.actor) return null;
  const view = viewContext(req);
  const { t } = view;
  const mine = (await listMyRegistrations(ctx, req.actor)).filter((r) => r.status !== 'cancelled' && r.status !== 'declined');
  const details = new Map(
    (
      await getMeetings(
        ctx,
        mine.map((r) => r.meetingId),
      )
    ).map((d) => [d.meeting.id, d]),
  );
  const withMeetings = mine.flatMap((registration) => {
    const detail = details.get(registration.meetingId);
    return detail ? [{ registration, detail }] : [];
  });
  const ahead = new Set(
    splitByTime(
      withMeetings.map((w) => w.detail),
      ctx.clock.now(),
    ).upcoming,
  );
  const items = withMeetings.filter((w) => ahead.has(w.detail));
  const summaries = await Promise.all(items.map((w) => renderSlot(registrationSummary, ctx, req, { registration: w.registration })));
  return (
    <section aria-labelledby="mine-h">
      <h2 id="mine-h">{t('home.mine')}</h2>
      {items.length === 0 ? (
        <EmptyState icon="calendar" title={t('home.noRegistrations')}>
          {t('home.noRegistrationsHint')}
        </EmptyState>
      ) : (
        <ul class="card-grid">
          {items.map(({ registration: r, detail }, i) => (
            <li>
              <Card
                headingLevel={3}
                title={
                  <a href={meetingPaths.meeting({ id: detail.meeting.id })}>
                    <Localized ctx={view} text={detail.meeting.title} />
                  </a>
                }
                aside={<Badge tone={tone[r.status]}>{t(registrationStatusLabel[r.status])}</Badge>}
              >
                <p class="meta">
                  {detail.firstDay && <DateRangeText ctx={view} start={detail.firstDay} end={detail.lastDay} />} ·{' '}
                  {t(participationModeLabel[r.mode])}
                </p>
                {summaries[i]!.map((s) => (
                  <p>{s.part}</p>
                ))}
                <p>
                  <a href={registrationPaths.registration({ id: r.id })}>{t('home.viewRegistration', { number: r.number })}</a>
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** On the home page of a focal point (and the secretariat): how many registrations wait for their decision. */
export async function approvalsWaitingSection(ctx: AppContext, req: FastifyRequest) {
  if (!req.actor) return null;
  const count = await waitingCount(ctx, req.actor);
  if (!count) return null;
  const { t } = viewContext(req);
  return (
    <Alert tone="info" title={t('approvals.home', { count })}>
      <a href={registrationPaths.approvals()}>{t('approvals.title')}</a>
    </Alert>
  );
}
