import { and, count, eq, gte, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { formatDate } from '../../platform/i18n/dates.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { claimOnce, defineJob, definePlanner, type JobOutcome, type JobRow, scheduleJob } from '../../platform/jobs/runner.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { addDays, dateInZone, daysBetween, deadlineClosesAt } from '../../platform/time.ts';
import { contactsOf } from '../accounts/queries.ts';
import { groupById } from '../groups/queries.ts';
import { getGroup } from '../groups/service.ts';
import { meetingPlace } from '../meetings/queries.ts';
import { mailTimeBefore } from '../meetings/reminders.ts';
import { liaisonPaths } from './paths.ts';
import { needsReminder, officersToRemind, reminderDaysBefore } from './rules.ts';
import { liaisons } from './schema.ts';

const KIND = 'liaison-reply-reminder';

/** "liaison-reminder:ls-4:2023-05-02:7": a moved deadline is another occurrence, each reminder of it its own key. */
const reminderKey = (id: number, date: string, daysBefore: number) => `liaison-reminder:ls-${id}:${date}:${daysBefore}`;

/** A statement's deadline is read in the time zone of the meeting that handles it, else in UTC (a group has no zone). */
async function zoneOf(ctx: AppContext, meetingId: number | null): Promise<string> {
  return (meetingId && (await meetingPlace(ctx, meetingId))?.timeZone) || 'UTC';
}

const repliesTo = async (ctx: AppContext, id: number) =>
  (await ctx.db.select({ n: count() }).from(liaisons).where(eq(liaisons.replyToId, id)))[0]?.n ?? 0;

/** Schedules, for every incoming statement for action whose deadline has not passed, a reminder 7 days before and one on the day. */
async function planLiaisonReminders(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const yesterday = addDays(now.toISOString().slice(0, 10), -1);
  const due = await ctx.db
    .select()
    .from(liaisons)
    .where(
      and(
        eq(liaisons.direction, 'incoming'),
        eq(liaisons.purpose, 'action'),
        isNotNull(liaisons.replyDeadline),
        gte(liaisons.replyDeadline, yesterday),
      ),
    );
  for (const ls of due) {
    if (!needsReminder(ls, await repliesTo(ctx, ls.id))) continue;
    const date = ls.replyDeadline!;
    const zone = await zoneOf(ctx, ls.meetingId);
    if (deadlineClosesAt(date, zone) <= now) continue;
    for (const daysBefore of reminderDaysBefore) {
      await scheduleJob(ctx.db, {
        kind: KIND,
        key: reminderKey(ls.id, date, daysBefore),
        runAt: mailTimeBefore(date, zone, daysBefore),
        payload: { liaisonId: ls.id, date, daysBefore },
      });
    }
  }
}

/**
 * Mails the group's officers in office that a reply is due, each at most once per reminder (a marker per
 * recipient, written with the mail). Nothing is sent when the statement was replied meanwhile, its deadline
 * moved (the planner schedules the new date) or passed, or it is no longer for action.
 */
async function runLiaisonReminder(ctx: AppContext, job: JobRow): Promise<JobOutcome> {
  const { liaisonId, date, daysBefore } = job.payload as { liaisonId?: number; date?: string; daysBefore?: number };
  if (typeof liaisonId !== 'number' || typeof date !== 'string' || typeof daysBefore !== 'number') return;
  const [ls] = await ctx.db.select().from(liaisons).where(eq(liaisons.id, liaisonId));
  if (!ls) return;
  if (ls.replyDeadline !== date) return { superseded: true } as const;
  if (!needsReminder(ls, await repliesTo(ctx, ls.id))) return;
  const zone = await zoneOf(ctx, ls.meetingId);
  const now = ctx.clock.now();
  if (deadlineClosesAt(date, zone) <= now) return;
  // Run late (the worker was down, or the statement registered within the week): the reminder of the day takes over.
  if (daysBefore > 0 && mailTimeBefore(date, zone, 0) <= now) return;
  const days = daysBetween(dateInZone(now, zone), date);
  const group = await groupById(ctx, ls.groupId);
  if (!group) return;
  const { officers } = await getGroup(ctx, group.code);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const contacts = await contactsOf(
    ctx,
    officersToRemind(officers, today).map((o) => o.accountId),
  );
  const link = `${ctx.config.baseUrl}${liaisonPaths.liaison({ id: ls.id })}`;
  for (const to of contacts.values()) {
    const locale = isLocale(to.preferredLanguage) ? to.preferredLanguage : 'en';
    const t = translator(locale);
    const params = { name: to.givenName, title: ls.title, from: ls.fromBody, group: group.code, deadline: formatDate(date, locale), link };
    await ctx.db.transaction(async (tx) => {
      if (!(await claimOnce(tx, `sent:${job.key}:account-${to.id}`, ctx.clock.now()))) return;
      await queueMail(tx, {
        kind: KIND,
        to: to.email,
        subject: t(days <= 0 ? 'liaison.reminder.subjectToday' : 'liaison.reminder.subject', { ...params, days }),
        text: t(days <= 0 ? 'liaison.reminder.bodyToday' : 'liaison.reminder.body', { ...params, days }),
      });
    });
  }
}

export function defineLiaisonReminders(): void {
  defineJob(KIND, runLiaisonReminder);
  definePlanner('liaison-reminders', planLiaisonReminders);
}
