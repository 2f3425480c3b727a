import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { formatDate, formatDateRange } from '../../platform/i18n/dates.ts';
import { type Locale, type MessageKey, pick, translator } from '../../platform/i18n/index.ts';
import { claimOnce, defineJob, definePlanner, type JobOutcome, type JobRow, scheduleJob } from '../../platform/jobs/runner.ts';
import { type OutgoingMail, queueMail } from '../../platform/mail/outbox.ts';
import { collect, defineExtensionPoint } from '../../platform/modules/extensions.ts';
import { addDays, deadlineClosesAt, startOfDay } from '../../platform/time.ts';
import { meetingPaths } from './paths.ts';
import { meetings } from './schema.ts';
import { getMeeting, type MeetingDetail } from './service.ts';
import type { DeadlineKind } from './vocabulary.ts';

/** Job kinds, one per deadline. */
const reminderKinds: Record<DeadlineKind, string> = {
  registration: 'reminder-registration',
  visaSupport: 'reminder-visa-support',
  contributions: 'reminder-contributions',
};
const kindToDeadline = new Map(Object.entries(reminderKinds).map(([deadline, kind]) => [kind, deadline as DeadlineKind]));

/** The reminder mail's subject and text per deadline. */
const reminderText: Record<DeadlineKind, { subject: MessageKey; body: MessageKey }> = {
  registration: { subject: 'reminder.registration.subject', body: 'reminder.registration.body' },
  visaSupport: { subject: 'reminder.visaSupport.subject', body: 'reminder.visaSupport.body' },
  contributions: { subject: 'reminder.contributions.subject', body: 'reminder.contributions.body' },
};

const HOUR_MS = 3_600_000;
const hourIn = (at: Date, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at));

/** Mails about a meeting go out at 08:00 in the venue's time zone, `daysBefore` days before `date`. */
export function mailTimeBefore(date: string, timeZone: string, daysBefore: number): Date {
  const guess = new Date(startOfDay(addDays(date, -daysBefore), timeZone).getTime() + 8 * HOUR_MS);
  // On the day clocks change, eight hours after midnight is 07:00 or 09:00 on the wall clock.
  return new Date(guess.getTime() + (8 - hourIn(guess, timeZone)) * HOUR_MS);
}

/** "reminder:registration:meeting-7:2023-04-21": a moved deadline is another occurrence. */
export const reminderKey = (deadline: DeadlineKind, meetingId: number, date: string) => `reminder:${deadline}:meeting-${meetingId}:${date}`;

/**
 * Schedules, for every meeting whose deadlines are still open, one reminder per deadline at
 * REMINDER_DAYS_BEFORE days before it (at once when that moment has passed but the deadline has not).
 */
async function planDeadlineReminders(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const yesterday = addDays(now.toISOString().slice(0, 10), -1);
  const open = await ctx.db
    .select()
    .from(meetings)
    .where(
      sql`greatest(${meetings.registrationDeadline}, ${meetings.visaSupportDeadline}, ${meetings.contributionsDeadline}) >= ${yesterday}`,
    );
  for (const m of open) {
    const deadlines: Record<DeadlineKind, string> = {
      registration: m.registrationDeadline,
      visaSupport: m.visaSupportDeadline,
      contributions: m.contributionsDeadline,
    };
    for (const deadline of Object.keys(reminderKinds) as DeadlineKind[]) {
      if (deadline === 'visaSupport' && m.mode === 'virtual') continue;
      const date = deadlines[deadline];
      if (deadlineClosesAt(date, m.timeZone) <= now) continue;
      await scheduleJob(ctx.db, {
        kind: reminderKinds[deadline],
        key: reminderKey(deadline, m.id, date),
        runAt: mailTimeBefore(date, m.timeZone, ctx.config.reminderDaysBefore),
        payload: { meetingId: m.id, deadline, date },
      });
    }
  }
}

/** Someone a reminder goes to. */
export interface ReminderRecipient {
  email: string;
  locale: Locale;
  name: string;
  /** Where the person's own part of the meeting is (their registration): the reminder links there, else to the meeting. */
  link?: string;
  /** A list subscriber's mail is a list mail: its footer (how to leave the list) and headers (RFC 2369, 8058). */
  list?: { footer: string; headers: Record<string, string> };
  /**
   * A reminder of another kind than the deadline's own (a focal point's registrations to approve): its name, sent
   * once per person beside the deadline's own reminder, its subject and text, and their parameters.
   */
  own?: { purpose: string; subject: MessageKey; body: MessageKey; params: Record<string, string | number> };
}

/**
 * Who a deadline's reminder concerns, as the deadline stands now: the features that own the people answer
 * (registrants, visa applicants still to ask, list subscribers not yet registered).
 */
export const reminderAudience = defineExtensionPoint<{ deadline: DeadlineKind; detail: MeetingDetail }, ReminderRecipient[]>(
  'meeting.reminder-audience',
);

async function concerned(ctx: AppContext, deadline: DeadlineKind, detail: MeetingDetail): Promise<ReminderRecipient[]> {
  return (await collect(reminderAudience, ctx, { deadline, detail })).flat();
}

function reminderMail(ctx: AppContext, deadline: DeadlineKind, detail: MeetingDetail, to: ReminderRecipient) {
  const t = translator(to.locale);
  const meetingUrl = `${ctx.config.baseUrl}${meetingPaths.meeting({ id: detail.meeting.id })}`;
  const params = {
    name: to.name,
    meeting: pick(detail.meeting.title, to.locale),
    dates: formatDateRange(detail.firstDay, detail.lastDay, to.locale),
    deadline: formatDate(detail.deadlines[deadline], to.locale),
    zone: detail.meeting.timeZone,
    link: meetingUrl,
    registration: to.link ?? meetingUrl,
  };
  const greeting = to.name ? t('reminder.greeting', { name: to.name }) : t('reminder.greetingAll');
  const words = to.own ?? reminderText[deadline];
  const all = { ...params, ...to.own?.params };
  const text = `${greeting}\n\n${t(words.body, all)}`;
  const kind = to.own ? `reminder-${deadline}-${to.own.purpose}` : `reminder-${deadline}`;
  const mail: OutgoingMail = { kind, to: to.email, subject: t(words.subject, all), text };
  if (to.list) {
    mail.text = `${text}\n\n-- \n${to.list.footer}\n`;
    mail.headers = to.list.headers;
  }
  return mail;
}

/**
 * Mails one reminder to those concerned, each at most once (a marker per recipient, written with the
 * mail), so a retried job continues where it stopped. A job planned for a deadline that has since
 * moved, or for a meeting that no longer exists, does nothing: the planner schedules the new date.
 */
async function runReminder(ctx: AppContext, job: JobRow): Promise<JobOutcome> {
  const deadline = kindToDeadline.get(job.kind);
  const { meetingId, date } = job.payload as { meetingId?: number; date?: string };
  if (!deadline || typeof meetingId !== 'number' || typeof date !== 'string') return;
  const detail = await getMeeting(ctx, meetingId).catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!detail) return;
  // The deadline moved: the planner has scheduled its new date; this one may come back if it moves back.
  if (detail.deadlines[deadline] !== date) return { superseded: true } as const;
  if (deadlineClosesAt(date, detail.meeting.timeZone) <= ctx.clock.now()) return;
  for (const to of await concerned(ctx, deadline, detail)) {
    await ctx.db.transaction(async (tx) => {
      // The address hashed: the record outlives a subscription or an account and need not name anyone.
      const purpose = to.own ? `${to.own.purpose}:` : '';
      if (!(await claimOnce(tx, `sent:${job.key}:${purpose}${sha256(to.email.toLowerCase()).slice(0, 32)}`, ctx.clock.now()))) return;
      await queueMail(tx, reminderMail(ctx, deadline, detail, to));
    });
  }
}

export function defineDeadlineReminders(): void {
  for (const kind of Object.values(reminderKinds)) defineJob(kind, runReminder);
  definePlanner('deadline-reminders', planDeadlineReminders);
}
