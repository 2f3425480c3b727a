import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { isLocale, type Locale, translator } from '../../platform/i18n/index.ts';
import { type OutgoingMail, queueMails } from '../../platform/mail/outbox.ts';
import type { MailAttachment } from '../../platform/mail/schema.ts';
import { authorize } from '../../platform/policy.ts';
import { parseInput, requiredText } from '../../platform/validation.ts';
import { recordAudit } from '../accounts/queries.ts';
import { findGroup } from '../groups/service.ts';
import { meetingPlace, meetingsOfGroups } from '../meetings/queries.ts';
import { announcementUrl, listHeaders, unsubscribeUrl } from './addresses.ts';
import { circularAttachment, issuedCircularOf } from './circular-attachment.ts';
import { manageMailingList } from './policies.ts';
import { announcementDeliveries, announcements, listSubscriptions } from './schema.ts';
import { confirmedCount } from './subscribers.ts';

const localeOf = (value: string): Locale => (isLocale(value) ? value : 'en');

const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');
const optionalId = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : v),
  z.coerce.number({ message: 'error.choice' }).int({ message: 'error.choice' }).positive({ message: 'error.choice' }).optional(),
);

const announcementSchema = z.object({
  subject: requiredText(200),
  body: requiredText(50_000, { lines: true }),
  meetingId: optionalId,
  attachCircular: checkbox,
});
export type AnnouncementInput = z.input<typeof announcementSchema>;

/** The group's meetings for the form, newest first, each saying whether it has an issued circular to attach. */
export async function announcementMeetings(ctx: AppContext, groupId: number) {
  const rows = await meetingsOfGroups(ctx, [groupId]);
  return Promise.all(rows.map(async ({ id, title }) => ({ id, title, hasCircular: (await issuedCircularOf(ctx, id)) !== null })));
}

/** The announcement as sent, checked: its meeting is the group's, and a circular to attach has been issued. */
async function checkedInput(ctx: AppContext, groupId: number, input: AnnouncementInput) {
  const data = parseInput(announcementSchema, input);
  let meetingId: number | null = null;
  if (data.meetingId !== undefined) {
    const place = await meetingPlace(ctx, data.meetingId);
    if (place?.groupId !== groupId) throw new ValidationError([{ field: 'meetingId', message: 'error.choice' }]);
    meetingId = data.meetingId;
  }
  let circularId: number | null = null;
  if (data.attachCircular) {
    if (meetingId === null) throw new ValidationError([{ field: 'attachCircular', message: 'error.circularNeedsMeeting' }]);
    const circular = await issuedCircularOf(ctx, meetingId);
    if (!circular) throw new ValidationError([{ field: 'attachCircular', message: 'error.circularNotIssued' }]);
    circularId = circular.id;
  }
  return { data, meetingId, circularId };
}

/** What sending would do, for the confirmation page: the input checked as sending checks it, and to how many. */
export async function announcementPreview(ctx: AppContext, actor: Actor | null, groupCode: string, input: AnnouncementInput) {
  authorize(actor, manageMailingList, undefined);
  const group = await findGroup(ctx, groupCode);
  const { data, circularId } = await checkedInput(ctx, group.id, input);
  return { subject: data.subject, recipients: await confirmedCount(ctx, group.id), withCircular: circularId !== null };
}

interface SentAnnouncement {
  id: number;
  recipients: number;
}

/**
 * Sends an announcement to the group's confirmed subscribers: one announcement row, one outbox mail per
 * subscriber (in their language: the unsubscribe footer, and the circular's PDF when attached) and one
 * delivery row each, all in one transaction — so either every subscriber's mail is queued or none.
 */
export async function sendAnnouncement(
  ctx: AppContext,
  actor: Actor | null,
  groupCode: string,
  input: AnnouncementInput,
  options: { requestKey?: string } = {},
): Promise<SentAnnouncement> {
  authorize(actor, manageMailingList, undefined);
  const group = await findGroup(ctx, groupCode);
  const requestKey = options.requestKey?.slice(0, 200) || null;
  // Sent again with the same key (a double click, a retried request): the first sending stands.
  const earlier = requestKey ? await sentWithKey(ctx, group.id, requestKey) : undefined;
  if (earlier) return earlier;
  const { data, meetingId, circularId } = await checkedInput(ctx, group.id, input);

  // The circular is rendered once per language before the transaction (the file store is not part of
  // it; an unused file is harmless). English too: the fallback for anyone who confirms meanwhile.
  const pdfs = new Map<Locale, MailAttachment>();
  if (circularId !== null) {
    const present = await ctx.db
      .selectDistinct({ locale: listSubscriptions.locale })
      .from(listSubscriptions)
      .where(and(eq(listSubscriptions.groupId, group.id), eq(listSubscriptions.status, 'confirmed')));
    const wanted = new Set<Locale>(['en', ...present.map((p) => localeOf(p.locale))]);
    for (const locale of wanted) pdfs.set(locale, await circularAttachment(ctx, circularId, locale));
  }

  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const subscribers = await tx
      .select()
      .from(listSubscriptions)
      .where(and(eq(listSubscriptions.groupId, group.id), eq(listSubscriptions.status, 'confirmed')))
      .orderBy(asc(listSubscriptions.id));
    const [announcement] = await tx
      .insert(announcements)
      .values({
        groupId: group.id,
        meetingId,
        subject: data.subject,
        body: data.body,
        circularId,
        sentBy: actor.id,
        sentAt: now,
        createdAt: now,
        requestKey,
      })
      .onConflictDoNothing()
      .returning();
    // The same key, at the same moment, from another request: that one sends.
    if (!announcement) return null;
    const id = announcement.id;
    const archive = announcementUrl(ctx, group, id);
    const mails = subscribers.map((s): OutgoingMail => {
      const locale = localeOf(s.locale);
      const secret = ctx.keyring.open(s.unsubscribeTokenSealed).toString();
      const footer = translator(locale)('mail.list.footer', { group: group.code, link: unsubscribeUrl(ctx, secret), archive });
      const pdf = pdfs.get(locale) ?? pdfs.get('en');
      return {
        kind: 'list-announcement',
        to: s.email,
        subject: data.subject,
        text: `${data.body.replace(/\s+$/, '')}\n\n-- \n${footer}\n`,
        attachments: pdf ? [pdf] : [],
        headers: listHeaders(ctx, group, secret),
      };
    });
    const outboxIds = await queueMails(tx, mails);
    for (let i = 0; i < subscribers.length; i += 1000) {
      await tx
        .insert(announcementDeliveries)
        .values(subscribers.slice(i, i + 1000).map((s, j) => ({ announcementId: id, subscriptionId: s.id, outboxId: outboxIds[i + j]! })));
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'announcement.send',
      subject: `announcement:${id}`,
      details: { group: group.code, recipients: subscribers.length, circularId },
      at: now,
    });
    return { id, recipients: subscribers.length };
  });
  return result ?? (await sentWithKey(ctx, group.id, requestKey!))!;
}

async function sentWithKey(ctx: AppContext, groupId: number, requestKey: string): Promise<SentAnnouncement | undefined> {
  const [row] = await ctx.db
    .select({ id: announcements.id, recipients: count(announcementDeliveries.subscriptionId) })
    .from(announcements)
    .leftJoin(announcementDeliveries, eq(announcementDeliveries.announcementId, announcements.id))
    .where(and(eq(announcements.groupId, groupId), eq(announcements.requestKey, requestKey)))
    .groupBy(announcements.id);
  return row ? { id: row.id, recipients: Number(row.recipients) } : undefined;
}
