import { defineMailTemplates } from './mail-templates.ts';
import { purgeExpiredVisaData } from './modules/visas/service.ts';
import type { AppContext } from './platform/context.ts';
import { smtpTransport, startMailWorker } from './platform/mail/worker.ts';

const PURGE_EVERY_MS = 60 * 60_000;

/**
 * The background work of an instance: mail delivery (when SMTP_URL is set) and the hourly retention
 * purge. Both are safe to run in several instances at once (row locks; the purge is idempotent).
 */
export function startWorker(ctx: AppContext): () => Promise<void> {
  defineMailTemplates();
  const stopMail = ctx.config.smtpUrl ? startMailWorker(ctx, smtpTransport(ctx.config.smtpUrl)) : async () => {};
  const purge = () =>
    purgeExpiredVisaData(ctx)
      .then((n) => n && ctx.log.info({ purged: n }, 'retention purge'))
      .catch((error) => ctx.log.error({ err: error }, 'retention purge failed'));
  void purge();
  const timer = setInterval(purge, PURGE_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await stopMail();
  };
}
