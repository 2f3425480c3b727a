import type { ViewContext } from '../../../platform/http/request-context.ts';
import { pick } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { MenuLink } from '../../../platform/ui/menus.ts';
import { meetingPaths } from '../../meetings/paths.ts';
import { consolePaths } from '../paths.ts';

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
  mailCount: number;
  meetings: { id: number; title: Record<string, string>; groupCode: string; links: MenuLink[] }[];
  menu: MenuLink[];
  smtpConfigured: boolean;
}) {
  const { ctx } = props;
  const { t } = ctx;
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
        <p>
          <a href={consolePaths.outbox()}>{t('console.mail.open', { count: props.mailCount })}</a>
        </p>
      </section>
    </Layout>
  );
}
