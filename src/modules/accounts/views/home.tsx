import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/http/request-context.ts';
import { ButtonLink, PageHeader, Stat } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { accountPaths } from '../paths.ts';
import type { HomeFigure } from '../slots.ts';

/** Where everyone starts: for the secretariat its queues, for a delegate their meetings, for all the meetings ahead. */
export function HomePage(props: { ctx: ViewContext; figures: HomeFigure[]; sections: ComponentChildren[] }) {
  const { ctx } = props;
  const { t, actor } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <PageHeader
        title={actor ? t('home.welcome', { name: actor.givenName || actor.email }) : t('home.title')}
        lead={actor ? undefined : t('home.intro')}
        actions={!actor && <ButtonLink href={accountPaths.signUp()}>{t('nav.signup')}</ButtonLink>}
      />
      {props.figures.length > 0 && (
        <section aria-labelledby="figures-h">
          <h2 id="figures-h">{t('home.figures')}</h2>
          <div class="card-grid figures">
            {props.figures.map((f) => (
              <Stat value={f.value} label={f.label} href={f.href} />
            ))}
          </div>
        </section>
      )}
      {props.sections}
    </Layout>
  );
}
