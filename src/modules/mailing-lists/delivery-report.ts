import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { outbox } from '../../platform/mail/schema.ts';
import { authorize } from '../../platform/policy.ts';
import type { GroupRow } from '../groups/service.ts';
import { findGroup } from '../groups/service.ts';
import { type AnnouncementRow, findAnnouncement } from './announcement-archive.ts';
import { manageMailingList } from './policies.ts';
import { announcementDeliveries, listSubscriptions } from './schema.ts';
import type { DeliveryStatus } from './vocabulary.ts';

export interface AnnouncementReport {
  announcement: AnnouncementRow;
  group: GroupRow;
  counts: { total: number; queued: number; sent: number; failed: number };
  recipients: { email: string; locale: string; status: DeliveryStatus; attempts: number; lastError: string | null; sentAt: Date | null }[];
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
