import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatTimestamp } from '../../../platform/i18n/dates.ts';
import { pick } from '../../../platform/i18n/index.ts';
import type { outbox } from '../../../platform/mail/schema.ts';
import { outboxStatusLabel } from '../../../platform/mail/vocabulary.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { MenuLink } from '../../../platform/ui/menus.ts';
import { meetingPaths } from '../../meetings/paths.ts';

function Links(props: { links: MenuLink[] }) {
  return (
    <>
      {props.links.map((link, i) => (
        <>
          {i > 0 && ' · '}
          <a href={link.href}>{link.label}</a>
        </>
      ))}
    </>
  );
}

export function ConsolePage(props: {
  ctx: ViewContext;
  mails: (typeof outbox.$inferSelect)[];
  meetings: { id: number; title: Record<string, string>; groupCode: string; links: MenuLink[] }[];
  menu: MenuLink[];
  smtpConfigured: boolean;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const fmt = { format: (at: Date) => formatTimestamp(at, ctx.locale, true) };
  return (
    <Layout ctx={ctx} title={t('console.title')}>
      <h1>{t('console.title')}</h1>
      <p>
        <Links links={props.menu} />
      </p>
      <section aria-labelledby="meetings-h">
        <h2 id="meetings-h">{t('console.meetings')}</h2>
        <ul class="meetings">
          {props.meetings.map((m) => (
            <li>
              <a href={meetingPaths.meeting({ id: m.id })}>
                {m.groupCode} — {pick(m.title, ctx.locale)}
              </a>
              <br />
              <span class="meta">
                <Links links={m.links} />
              </span>
            </li>
          ))}
        </ul>
      </section>
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
                    {fmt.format(m.createdAt)} UTC · {m.toAddress} · {m.subject} · {t(outboxStatusLabel[m.status])}
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
