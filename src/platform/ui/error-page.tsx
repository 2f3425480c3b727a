import type { ViewContext } from '../http/request-context.ts';
import { Layout } from './layout.tsx';

export function ErrorPage(props: { ctx: ViewContext; status: number; message: string; details?: { field: string; message: string }[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('error.title', { status: props.status })}>
      <h1>{t('error.title', { status: props.status })}</h1>
      <p>{props.message}</p>
      {props.details?.length ? (
        <ul>
          {props.details.map((d) => (
            <li key={d.field}>
              {d.field ? <code>{d.field}</code> : null}
              {d.field ? ': ' : null}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">{t('error.home')}</a>
      </p>
    </Layout>
  );
}
