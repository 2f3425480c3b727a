import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatTimestamp } from '../../../platform/i18n/dates.ts';
import type { outbox } from '../../../platform/mail/schema.ts';
import { outboxStatusLabel } from '../../../platform/mail/vocabulary.ts';
import { Breadcrumb, EmptyState } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { type PageSlice, Pagination } from '../../../platform/ui/pagination.tsx';
import { LinkedText } from '../../../platform/ui/text.tsx';
import { consolePaths } from '../paths.ts';

/** The outbox, newest first, a page at a time; each mail opens to its text, whose web addresses are links. */
export function OutboxPage(props: { ctx: ViewContext; mails: (typeof outbox.$inferSelect)[]; slice: PageSlice; smtpConfigured: boolean }) {
  const { ctx, slice } = props;
  const { t } = ctx;
  const href = (page: number) => consolePaths.outbox({}, { page: page > 1 ? page : undefined });
  return (
    <Layout ctx={ctx} title={t('console.mail')}>
      <Breadcrumb
        label={t('meetingNav.breadcrumb')}
        trail={[{ href: consolePaths.console(), label: t('console.title') }, { label: t('console.mail') }]}
      />
      <h1>{t('console.mail')}</h1>
      <p>{props.smtpConfigured ? t('console.mail.smtp') : t('console.mail.kept')}</p>
      {props.mails.length === 0 ? (
        <EmptyState title={t('console.mail.none')} />
      ) : (
        <>
          <Pagination ctx={ctx} slice={slice} href={href} />
          <ul class="mails">
            {props.mails.map((m) => (
              <li>
                <details>
                  <summary>
                    <span class="nowrap">{formatTimestamp(m.createdAt, ctx.locale, true)} UTC</span> · <bdi>{m.toAddress}</bdi> ·{' '}
                    {/* In the recipient's language, which the outbox does not keep: isolated. */}
                    <bdi>{m.subject}</bdi> · {t(outboxStatusLabel[m.status])}
                  </summary>
                  <pre>
                    <LinkedText text={m.textBody ?? ''} />
                  </pre>
                </details>
              </li>
            ))}
          </ul>
          {slice.pages > 1 && <Pagination ctx={ctx} slice={slice} href={href} />}
        </>
      )}
    </Layout>
  );
}
