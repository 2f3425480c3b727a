import type { ViewContext } from '../../../platform/http/request-context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { accountPaths } from '../paths.ts';
import type { PrivacySection } from '../slots.ts';

function Section(props: { ctx: ViewContext; id: string; section: PrivacySection }) {
  const { t } = props.ctx;
  const { section } = props;
  return (
    <section aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{section.heading}</h2>
      <dl>
        <dt>{t('privacyNotice.what')}</dt>
        <dd>{section.what}</dd>
        <dt>{t('privacyNotice.who')}</dt>
        <dd>{section.who}</dd>
        <dt>{t('privacyNotice.howLong')}</dt>
        <dd>{section.howLong}</dd>
      </dl>
    </section>
  );
}

/** What convene keeps of a person: the account's part here, the other modules' through the privacy-sections slot. */
export function PrivacyNoticePage(props: { ctx: ViewContext; sections: PrivacySection[] }) {
  const { ctx } = props;
  const { t } = ctx;
  const account: PrivacySection = {
    heading: t('privacyNotice.account.heading'),
    what: t('privacyNotice.account.what'),
    who: t('privacyNotice.account.who'),
    howLong: t('privacyNotice.account.howLong'),
  };
  return (
    <Layout ctx={ctx} title={t('privacyNotice.title')}>
      <h1>{t('privacyNotice.title')}</h1>
      <p>{t('privacyNotice.intro')}</p>
      <Section ctx={ctx} id="privacy-account" section={account} />
      {props.sections.map((section, i) => (
        <Section ctx={ctx} id={`privacy-${i + 1}`} section={section} />
      ))}
      <section aria-labelledby="privacy-rights-h">
        <h2 id="privacy-rights-h">{t('privacyNotice.rights.heading')}</h2>
        <p>{t('privacyNotice.rights.export')}</p>
        <p>{t('privacyNotice.rights.delete')}</p>
        <p>
          <a href={accountPaths.account()}>{t('nav.account')}</a> · <a href={accountPaths.forgot()}>{t('login.forgot')}</a>
        </p>
        <p>{t('privacyNotice.rights.noAccess')}</p>
      </section>
    </Layout>
  );
}
