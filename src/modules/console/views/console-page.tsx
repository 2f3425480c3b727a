import type { ViewContext } from '../../../platform/http/request-context.ts';
import type { outbox } from '../../../platform/mail/schema.ts';
import { Layout } from '../../../platform/ui/layout.tsx';

export function ConsolePage(props: { ctx: ViewContext; mails: (typeof outbox.$inferSelect)[]; smtpConfigured: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  const fmt = new Intl.DateTimeFormat(ctx.locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return (
    <Layout ctx={ctx} title={t('console.title')}>
      <h1>{t('console.title')}</h1>
      <p>
        <a href="/groups">{t('nav.groups')}</a> · <a href="/groups/new">{t('groups.new')}</a> · <a href="/console/visas">{t('console.visas')}</a>
      </p>
      <section aria-labelledby="mail-h">
        <h2 id="mail-h">{t('console.mail')}</h2>
        <p>{props.smtpConfigured ? t('console.mail.smtp') : t('console.mail.kept')}</p>
        {props.mails.length === 0 ? (
          <p>{t('console.mail.none')}</p>
        ) : (
          <ul class="mails">
            {props.mails.map((m) => (
              <li>
                <details>
                  <summary>
                    {fmt.format(m.createdAt)} UTC · {m.toAddress} · {m.subject} · {t(`console.mail.status.${m.status as 'queued'}`)}
                  </summary>
                  <pre>{m.textBody}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
