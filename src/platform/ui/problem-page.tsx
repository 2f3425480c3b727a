import { Fragment } from 'preact';
import type { ProblemTypeView } from '../http/problem-types.ts';
import type { ViewContext } from '../http/request-context.ts';
import { Layout } from './layout.tsx';

/** The page a problem's `type` URI names: what the API answers, and what to do about it. */
export function ProblemTypePage(props: { ctx: ViewContext; view: ProblemTypeView }) {
  const { t } = props.ctx;
  const { view } = props;
  const example = {
    type: view.uri,
    code: view.code,
    title: view.title,
    status: view.statuses[0],
    instance: '/api/…',
  };
  return (
    <Layout ctx={props.ctx} title={t('problem.title', { code: view.code })}>
      <h1>{t('problem.title', { code: view.code })}</h1>
      <p>{view.title}</p>
      <h2>{t('problem.example')}</h2>
      <pre dir="ltr">
        <code>{`HTTP ${view.statuses.join(' | ')}\nContent-Type: application/problem+json\n\n${JSON.stringify(example, null, 2)}`}</code>
      </pre>
      <h2>{t('problem.whatToDo')}</h2>
      <dl>
        {view.advice.map((a) => (
          <Fragment key={a.status}>
            <dt>HTTP {a.status}</dt>
            <dd>{a.text}</dd>
          </Fragment>
        ))}
      </dl>
      <h2>{t('problem.about')}</h2>
      <p>{t('problem.aboutText')}</p>
      <p>
        <a href="/problems">{t('problem.allTypes')}</a> · <a href="/api/docs">{t('problem.apiDocs')}</a>
      </p>
    </Layout>
  );
}

export function ProblemIndexPage(props: { ctx: ViewContext; types: { code: string; statuses: readonly number[]; title: string }[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('problem.indexTitle')}>
      <h1>{t('problem.indexTitle')}</h1>
      <p>{t('problem.indexIntro')}</p>
      <dl>
        {props.types.map((p) => (
          <Fragment key={p.code}>
            <dt>
              <a href={`/problems/${p.code}`}>
                <code>{p.code}</code>
              </a>{' '}
              (HTTP {p.statuses.join(', ')})
            </dt>
            <dd>{p.title}</dd>
          </Fragment>
        ))}
      </dl>
      <p>
        <a href="/api/docs">{t('problem.apiDocs')}</a>
      </p>
    </Layout>
  );
}
