import type { AppContext } from '../../platform/context.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { fileAttachment } from '../../platform/mail/outbox.ts';
import type { MailAttachment } from '../../platform/mail/schema.ts';
import { circularPdfFile, latestCircular } from '../circulars/service.ts';

/**
 * The one seam between announcements and circulars: which meeting has an issued circular, and that
 * circular as a PDF in one language. The PDF is rendered into the file store and attached by its hash,
 * so a mailing to thousands stores one file per language, not one per mail.
 */
export async function issuedCircularOf(ctx: AppContext, meetingId: number): Promise<{ id: number } | null> {
  return latestCircular(ctx, meetingId);
}

export async function circularAttachment(ctx: AppContext, circularId: number, locale: Locale): Promise<MailAttachment> {
  const { hash, filename } = await circularPdfFile(ctx, circularId, locale);
  return fileAttachment(filename, 'application/pdf', hash);
}
