import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { isLocale, type Locale, locales, pick, translator } from '../../platform/i18n/index.ts';
import { type OutgoingMail, queueMail, queueMails } from '../../platform/mail/outbox.ts';
import { type MailAttachment, outbox } from '../../platform/mail/schema.ts';
import { authorize } from '../../platform/policy.ts';
import { email, oneOf, parseInput, requiredText } from '../../platform/validation.ts';
import { recordAudit } from '../accounts/queries.ts';
import { groupPaths } from '../groups/paths.ts';
import { groupById } from '../groups/queries.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { meetingPlace, meetingsOfGroups, meetingTitles } from '../meetings/queries.ts';
import { circularAttachment, issuedCircularOf } from './circular-attachment.ts';
import { listPaths } from './paths.ts';
import { manageMailingList } from './policies.ts';
import { announcementDeliveries, announcements, listSubscriptions } from './schema.ts';
import type { DeliveryStatus, SubscriptionStatus } from './vocabulary.ts';

/** A confirmation link is refused after this many days; the person asks again. */
export const PENDING_DAYS = 7;
/** At most one confirmation mail per list and address in this many minutes, however often it is asked. */
const RESEND_MINUTES = 10;

type SubscriptionRow = typeof listSubscriptions.$inferSelect;
export type AnnouncementRow = typeof announcements.$inferSelect;

const DAY_MS = 86_400_000;
const slugOf = (group: Pick<GroupRow, 'code'>) => group.code.toLowerCase();
const localeOf = (value: string): Locale => (isLocale(value) ? value : 'en');

// ---- addresses and headers (always from BASE_URL, never from the request)

const confirmUrl = (ctx: AppContext, secret: string) => `${ctx.config.baseUrl}${listPaths.confirm({ token: secret })}`;
export const unsubscribeUrl = (ctx: AppContext, secret: string) => `${ctx.config.baseUrl}${listPaths.unsubscribe({ token: secret })}`;
export const announcementUrl = (ctx: AppContext, group: Pick<GroupRow, 'code'>, id: number) =>
  `${ctx.config.baseUrl}${listPaths.publicAnnouncement({ code: slugOf(group), id })}`;

/** RFC 2919: a stable identifier per list, under the host of BASE_URL ("FG-MV <fg-mv.lists.meetings.example.org>"). */
function listId(ctx: AppContext, group: Pick<GroupRow, 'code'>): string {
  const host = new URL(ctx.config.baseUrl).hostname || 'localhost';
  return `${group.code} <${slugOf(group).replace(/[^a-z0-9-]/g, '-')}.lists.${host}>`;
}

/** The headers of every list mail: List-Id, and RFC 8058 one-click unsubscribe (List-Unsubscribe-Post). */
export function listHeaders(ctx: AppContext, group: Pick<GroupRow, 'code'>, unsubscribeSecret: string): Record<string, string> {
  return {
    'List-Id': listId(ctx, group),
    'List-Unsubscribe': `<${unsubscribeUrl(ctx, unsubscribeSecret)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Archive': `<${ctx.config.baseUrl}${groupPaths.group({ code: slugOf(group) })}>`,
  };
}

// ---- errors

/** A confirmation or unsubscribe link that matches nothing (or no longer can be used). */
class ListLinkInvalidError extends DomainError {
  constructor() {
    super('invalid-token', 404, 'error.listLinkInvalid');
  }
}

class ListLinkExpiredError extends DomainError {
  constructor() {
    super('link-expired', 410, 'error.listLinkExpired', { days: PENDING_DAYS });
  }
}

const plausibleSecret = (token: string) => /^[\w-]{20,100}$/.test(token);

// ---- subscribing (double opt-in)

const subscribeSchema = z.object({ email: email(), locale: oneOf(locales).optional() });
type SubscribeInput = z.input<typeof subscribeSchema>;

function confirmationMail(ctx: AppContext, group: GroupRow, address: string, locale: Locale, secret: string): OutgoingMail {
  const t = translator(locale);
  return {
    kind: 'list-confirm',
    to: address,
    subject: t('mail.list.confirm.subject', { group: group.code }),
    text: t('mail.list.confirm.body', {
      group: group.code,
      name: pick(group.name, locale),
      link: confirmUrl(ctx, secret),
      days: PENDING_DAYS,
    }),
  };
}

/**
 * Asks to subscribe an address to a group's list. From the outside it always answers the same way —
 * whether the address is new, pending, already confirmed or unsubscribed — so the form tells nobody who
 * is on the list. A new or renewed request (new secret, 7 days from now) mails a confirmation link;
 * a pending request younger than RESEND_MINUTES, or a confirmed subscription, sends nothing.
 * The row's `created_at` is the time of the latest request: confirmation links expire from it.
 */
export async function subscribe(
  ctx: AppContext,
  groupCode: string,
  input: SubscribeInput,
  readerLocale: Locale,
): Promise<{ email: string }> {
  const group = await findGroup(ctx, groupCode);
  const data = parseInput(subscribeSchema, input);
  const locale = data.locale ?? readerLocale;
  const address = data.email;
  const now = ctx.clock.now();
  const byAddress = and(eq(listSubscriptions.groupId, group.id), eq(sql`lower(${listSubscriptions.email})`, address));
  await ctx.db.transaction(async (tx) => {
    let [row] = await tx.select().from(listSubscriptions).where(byAddress).for('update');
    if (!row) {
      const secret = randomToken();
      const unsubscribeSecret = randomToken();
      const [inserted] = await tx
        .insert(listSubscriptions)
        .values({
          groupId: group.id,
          email: address,
          locale,
          status: 'pending',
          confirmTokenHash: sha256(secret),
          unsubscribeTokenHash: sha256(unsubscribeSecret),
          unsubscribeTokenSealed: ctx.keyring.seal(unsubscribeSecret),
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        await queueMail(tx, confirmationMail(ctx, group, address, locale, secret));
        return;
      }
      // The same address asked twice at once: the other request made the row.
      [row] = await tx.select().from(listSubscriptions).where(byAddress).for('update');
      if (!row) return;
    }
    if (row.status === 'confirmed') return;
    if (row.status === 'pending' && now.getTime() - row.createdAt.getTime() < RESEND_MINUTES * 60_000) return;
    const secret = randomToken();
    await tx
      .update(listSubscriptions)
      .set({ status: 'pending', confirmTokenHash: sha256(secret), locale, createdAt: now })
      .where(eq(listSubscriptions.id, row.id));
    await queueMail(tx, confirmationMail(ctx, group, row.email, locale, secret));
  });
  return { email: address };
}

export interface LinkTarget {
  subscriptionId: number;
  email: string;
  status: SubscriptionStatus;
  group: GroupRow;
}

async function targetOf(ctx: AppContext, row: SubscriptionRow | undefined): Promise<LinkTarget> {
  if (!row) throw new ListLinkInvalidError();
  const group = await groupById(ctx, row.groupId);
  if (!group) throw new ListLinkInvalidError();
  return { subscriptionId: row.id, email: row.email, status: row.status, group };
}

const isExpired = (ctx: AppContext, row: SubscriptionRow) => ctx.clock.now().getTime() - row.createdAt.getTime() > PENDING_DAYS * DAY_MS;

/** What a confirmation link is about, for the page with the button (a GET changes nothing: mail scanners follow links). */
export async function confirmationTarget(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const [row] = await ctx.db
    .select()
    .from(listSubscriptions)
    .where(eq(listSubscriptions.confirmTokenHash, sha256(token)));
  if (row?.status === 'unsubscribed') throw new ListLinkInvalidError();
  if (row?.status === 'pending' && isExpired(ctx, row)) throw new ListLinkExpiredError();
  return targetOf(ctx, row);
}

/**
 * Confirms a subscription. Idempotent: confirming again answers the same. Refused when the link is
 * older than PENDING_DAYS, or belongs to a request the person has since unsubscribed from.
 */
export async function confirmSubscription(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const row = await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(listSubscriptions)
      .where(eq(listSubscriptions.confirmTokenHash, sha256(token)))
      .for('update');
    if (!found || found.status === 'unsubscribed') throw new ListLinkInvalidError();
    if (found.status === 'confirmed') return found;
    if (isExpired(ctx, found)) throw new ListLinkExpiredError();
    const [updated] = await tx
      .update(listSubscriptions)
      .set({ status: 'confirmed', confirmedAt: ctx.clock.now(), unsubscribedAt: null })
      .where(eq(listSubscriptions.id, found.id))
      .returning();
    return updated!;
  });
  return targetOf(ctx, row);
}

/** What an unsubscribe link is about, for the page with the button. */
export async function unsubscribeTarget(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const [row] = await ctx.db
    .select()
    .from(listSubscriptions)
    .where(eq(listSubscriptions.unsubscribeTokenHash, sha256(token)));
  return targetOf(ctx, row);
}

/** Unsubscribes (RFC 8058 one-click or the page's button). Idempotent; the secret stays valid for later clicks. */
export async function unsubscribe(ctx: AppContext, token: string): Promise<LinkTarget> {
  if (!plausibleSecret(token)) throw new ListLinkInvalidError();
  const hash = sha256(token);
  const [changed] = await ctx.db
    .update(listSubscriptions)
    .set({ status: 'unsubscribed', unsubscribedAt: ctx.clock.now() })
    .where(and(eq(listSubscriptions.unsubscribeTokenHash, hash), sql`${listSubscriptions.status} <> 'unsubscribed'`))
    .returning();
  if (changed) return targetOf(ctx, changed);
  const [already] = await ctx.db.select().from(listSubscriptions).where(eq(listSubscriptions.unsubscribeTokenHash, hash));
  return targetOf(ctx, already);
}

// ---- subscribers (secretariat)

export type StatusCounts = Record<SubscriptionStatus, number>;

export async function subscriberCounts(ctx: AppContext, groupId: number): Promise<StatusCounts> {
  const rows = await ctx.db
    .select({ status: listSubscriptions.status, n: count() })
    .from(listSubscriptions)
    .where(eq(listSubscriptions.groupId, groupId))
    .groupBy(listSubscriptions.status);
  const counts: StatusCounts = { pending: 0, confirmed: 0, unsubscribed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function listSubscribers(ctx: AppContext, actor: Actor | null, groupCode: string) {
  authorize(actor, manageMailingList, undefined);
  const group = await findGroup(ctx, groupCode);
  const [rows, counts] = await Promise.all([
    ctx.db
      .select({
        email: listSubscriptions.email,
        locale: listSubscriptions.locale,
        status: listSubscriptions.status,
        requestedAt: listSubscriptions.createdAt,
        confirmedAt: listSubscriptions.confirmedAt,
        unsubscribedAt: listSubscriptions.unsubscribedAt,
      })
      .from(listSubscriptions)
      .where(eq(listSubscriptions.groupId, group.id))
      .orderBy(asc(sql`lower(${listSubscriptions.email})`)),
    subscriberCounts(ctx, group.id),
  ]);
  return { group, rows, counts };
}

// ---- announcements

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

export async function confirmedCount(ctx: AppContext, groupId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(listSubscriptions)
    .where(and(eq(listSubscriptions.groupId, groupId), eq(listSubscriptions.status, 'confirmed')));
  return Number(row?.n ?? 0);
}

/** Re-seals the unsubscribe secrets under the current data key (`convene rotate-data-key`). */
export async function resealListSecrets(ctx: AppContext): Promise<number> {
  const rows = await ctx.db.select({ id: listSubscriptions.id, sealed: listSubscriptions.unsubscribeTokenSealed }).from(listSubscriptions);
  let resealed = 0;
  for (const r of rows) {
    if (ctx.keyring.isCurrent(r.sealed)) continue;
    await ctx.db
      .update(listSubscriptions)
      .set({ unsubscribeTokenSealed: ctx.keyring.seal(ctx.keyring.open(r.sealed)) })
      .where(eq(listSubscriptions.id, r.id));
    resealed += 1;
  }
  return resealed;
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
  const data = parseInput(announcementSchema, input);
  let meetingId: number | null = null;
  if (data.meetingId !== undefined) {
    const place = await meetingPlace(ctx, data.meetingId);
    if (place?.groupId !== group.id) throw new ValidationError([{ field: 'meetingId', message: 'error.choice' }]);
    meetingId = data.meetingId;
  }
  let circularId: number | null = null;
  if (data.attachCircular) {
    if (meetingId === null) throw new ValidationError([{ field: 'attachCircular', message: 'error.circularNeedsMeeting' }]);
    const circular = await issuedCircularOf(ctx, meetingId);
    if (!circular) throw new ValidationError([{ field: 'attachCircular', message: 'error.circularNotIssued' }]);
    circularId = circular.id;
  }

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

export interface AnnouncementReport {
  announcement: AnnouncementRow;
  group: GroupRow;
  counts: { total: number; queued: number; sent: number; failed: number };
  recipients: { email: string; locale: string; status: DeliveryStatus; attempts: number; lastError: string | null; sentAt: Date | null }[];
}

async function findAnnouncement(ctx: AppContext, group: GroupRow, id: number): Promise<AnnouncementRow> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError();
  const [row] = await ctx.db
    .select()
    .from(announcements)
    .where(and(eq(announcements.id, id), eq(announcements.groupId, group.id)));
  if (!row) throw new NotFoundError();
  return row;
}

/** Per-recipient delivery, read from each mail's outbox row (secretariat only). */
export async function announcementReport(ctx: AppContext, actor: Actor | null, groupCode: string, id: number): Promise<AnnouncementReport> {
  authorize(actor, manageMailingList, undefined);
  const group = await findGroup(ctx, groupCode);
  const announcement = await findAnnouncement(ctx, group, id);
  const rows = await ctx.db
    .select({
      email: listSubscriptions.email,
      locale: listSubscriptions.locale,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
    })
    .from(announcementDeliveries)
    .innerJoin(listSubscriptions, eq(listSubscriptions.id, announcementDeliveries.subscriptionId))
    .leftJoin(outbox, eq(outbox.id, announcementDeliveries.outboxId))
    .where(eq(announcementDeliveries.announcementId, announcement.id))
    .orderBy(asc(sql`lower(${listSubscriptions.email})`));
  const recipients = rows.map((r): AnnouncementReport['recipients'][number] => ({
    email: r.email,
    locale: r.locale,
    status: r.status ?? 'unknown',
    attempts: r.attempts ?? 0,
    lastError: r.lastError ?? null,
    sentAt: r.sentAt ?? null,
  }));
  const tally = (s: DeliveryStatus) => recipients.filter((r) => r.status === s).length;
  return {
    announcement,
    group,
    counts: { total: recipients.length, queued: tally('queued'), sent: tally('sent'), failed: tally('failed') },
    recipients,
  };
}

/** The public archive: subject, body, date — never who received it. */
export async function publicAnnouncement(ctx: AppContext, groupCode: string, id: number) {
  const group = await findGroup(ctx, groupCode);
  const announcement = await findAnnouncement(ctx, group, id);
  const { meetingId } = announcement;
  const title = meetingId ? (await meetingTitles(ctx, [meetingId])).get(meetingId) : undefined;
  const meeting = meetingId && title ? { id: meetingId, title } : null;
  return { group, announcement, meeting };
}

export function listAnnouncements(ctx: AppContext, groupId: number, limit = 100) {
  return ctx.db
    .select({ id: announcements.id, subject: announcements.subject, sentAt: announcements.sentAt, circularId: announcements.circularId })
    .from(announcements)
    .where(eq(announcements.groupId, groupId))
    .orderBy(desc(announcements.sentAt), desc(announcements.id))
    .limit(limit);
}
