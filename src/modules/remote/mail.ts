import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { formatDateRange } from '../../platform/i18n/dates.ts';
import { isLocale, type Locale, pick, translator } from '../../platform/i18n/index.ts';
import { defineJob, definePlanner, type JobOutcome, type JobRow, recordLatest, scheduleJob } from '../../platform/jobs/runner.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { addDays, deadlineClosesAt } from '../../platform/time.ts';
import { meetingPaths } from '../meetings/paths.ts';
import { meetingsInModesEndingFrom } from '../meetings/queries.ts';
import { mailTimeBefore } from '../meetings/reminders.ts';
import { firstDay, lastDay } from '../meetings/rules.ts';
import { getMeeting, type MeetingDetail, type SessionView } from '../meetings/service.ts';
import { meetingModes } from '../meetings/vocabulary.ts';
import { offersRemote } from './rules.ts';
import { detailsText, entitledRegistrants, type RemoteRecipient, sealRemoteAccess } from './service.ts';

const REMOTE_DETAILS_JOB = 'remote-details';
/** After its first run the job looks for late registrants this often, until the meeting ends. */
const REMOTE_DETAILS_REPEAT_MS = 10 * 60_000;

/** "remote-details:meeting-7:2023-05-09:3": a moved first day or a new setting is another occurrence. */
export const remoteDetailsKey = (meetingId: number, first: string, daysBefore: number) =>
  `remote-details:meeting-${meetingId}:${first}:${daysBefore}`;

/** Schedules the details mail of every meeting with remote participation that has not ended. */
async function planRemoteDetails(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const yesterday = addDays(now.toISOString().slice(0, 10), -1);
  const remoteModes = meetingModes.filter(offersRemote);
  const found = await meetingsInModesEndingFrom(ctx, remoteModes, yesterday);
  for (const { meeting, sessions } of found) {
    const first = firstDay(sessions)!;
    if (deadlineClosesAt(lastDay(sessions)!, meeting.timeZone) <= now) continue;
    const daysBefore = meeting.remoteDetailsDaysBefore;
    await scheduleJob(ctx.db, {
      kind: REMOTE_DETAILS_JOB,
      key: remoteDetailsKey(meeting.id, first, daysBefore),
      runAt: mailTimeBefore(first, meeting.timeZone, daysBefore),
      payload: { meetingId: meeting.id, firstDay: first, daysBefore },
    });
  }
}

const sessionName = (t: ReturnType<typeof translator>) => (s: SessionView) =>
  s.kind === 'TG' ? t('subgroup.tg') : t('subgroup.wg', { number: s.number ?? '' });

function remoteDetailsMail(ctx: AppContext, detail: MeetingDetail, to: RemoteRecipient, updated: boolean) {
  const locale: Locale = isLocale(to.preferredLanguage) ? to.preferredLanguage : 'en';
  const t = translator(locale);
  const params = {
    name: to.givenName,
    meeting: pick(detail.meeting.title, locale),
    dates: formatDateRange(detail.firstDay, detail.lastDay, locale),
    details: detailsText(t, locale, to.details, sessionName(t)),
    link: `${ctx.config.baseUrl}${meetingPaths.meeting({ id: detail.meeting.id })}`,
  };
  return {
    kind: REMOTE_DETAILS_JOB,
    to: to.email,
    subject: t(updated ? 'remote.mail.subjectUpdated' : 'remote.mail.subject', params),
    // The passcodes are sealed in the outbox as in remote_access (opened to send and to show).
    text: ctx.keyring.seal(t('remote.mail.body', params)),
    textSealed: true,
  };
}

/**
 * Mails the details to every entitled registrant who has not had them as they are now (one marker per
 * meeting, account and version of what that person may see, written with the mail), then comes back every
 * few minutes for those who register later — and for changed details, sent again as an update — until the
 * meeting's last day is over. A job planned for a first day or a setting that has since
 * changed does nothing: the planner schedules the new one (and the markers keep it from repeating).
 */
async function runRemoteDetails(ctx: AppContext, job: JobRow): Promise<JobOutcome> {
  const { meetingId, firstDay: first, daysBefore } = job.payload as { meetingId?: number; firstDay?: string; daysBefore?: number };
  if (typeof meetingId !== 'number') return;
  const detail = await getMeeting(ctx, meetingId).catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!detail) return;
  // No longer remote, another first day or lead time: another occurrence applies (or this one, again, later).
  if (!offersRemote(detail.meeting.mode) || detail.firstDay !== first || detail.meeting.remoteDetailsDaysBefore !== daysBefore) {
    return { superseded: true } as const;
  }
  const ends = deadlineClosesAt(detail.lastDay, detail.meeting.timeZone);
  if (ends <= ctx.clock.now()) return;
  for (const to of await entitledRegistrants(ctx, detail)) {
    const version = sha256(JSON.stringify(to.details)).slice(0, 16);
    await ctx.db.transaction(async (tx) => {
      // The version of the details each person was last sent: a change, even back to an earlier one, is sent again.
      const sent = await recordLatest(tx, `sent:remote-details:meeting-${meetingId}:account-${to.accountId}`, version, ctx.clock.now());
      if (sent === 'same') return;
      await queueMail(tx, remoteDetailsMail(ctx, detail, to, sent === 'changed'));
    });
  }
  const again = new Date(ctx.clock.now().getTime() + REMOTE_DETAILS_REPEAT_MS);
  return again < ends ? { again } : undefined;
}

/** Seals what an earlier version stored in clear: planned once, run by the first worker after the upgrade. */
const REMOTE_SEAL_JOB = 'remote-access-seal';

export function defineRemoteDetailsJob(): void {
  defineJob(REMOTE_DETAILS_JOB, runRemoteDetails);
  definePlanner('remote-details', planRemoteDetails);
  defineJob(REMOTE_SEAL_JOB, async (ctx) => {
    const sealed = await sealRemoteAccess(ctx);
    if (sealed) ctx.log.info({ sealed }, 'remote-participation details sealed');
  });
  definePlanner(REMOTE_SEAL_JOB, async (ctx) => {
    await scheduleJob(ctx.db, { kind: REMOTE_SEAL_JOB, key: `${REMOTE_SEAL_JOB}:v1`, runAt: new Date(0) });
  });
}
