import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatTimestamp } from '../../../platform/i18n/dates.ts';
import { CsrfField, ErrorSummary, type FormState, SubmitButton, TextField } from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { TableHead } from '../../../platform/ui/table.tsx';
import { ProfileFields } from './profile-fields.tsx';

export function SignUpPage(props: { ctx: ViewContext; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signup.title')}>
      <h1>{t('signup.title')}</h1>
      <p>{t('signup.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/signup" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('account.email')} autocomplete="email" required />
        <TextField
          ctx={ctx}
          form={form}
          name="password"
          type="password"
          label={t('account.password')}
          hint={t('account.password.hint')}
          autocomplete="new-password"
          required
        />
        <ProfileFields ctx={ctx} form={form} />
        <SubmitButton>{t('signup.submit')}</SubmitButton>
      </form>
      <p>
        {t('signup.haveAccount')} <a href="/login">{t('nav.login')}</a>
      </p>
    </Layout>
  );
}

export function LoginPage(props: { ctx: ViewContext; form: FormState; next: string; notice?: string }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.title')} notice={props.notice}>
      <h1>{t('login.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/login" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={props.next} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('account.email')} autocomplete="username" required />
        <TextField ctx={ctx} form={form} name="password" type="password" label={t('account.password')} autocomplete="current-password" required />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <a href="/account/forgot">{t('login.forgot')}</a> · <a href="/signup">{t('nav.signup')}</a>
      </p>
    </Layout>
  );
}

export function ForgotPage(props: { ctx: ViewContext; form: FormState; sent?: boolean }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forgot.title')}>
      <h1>{t('forgot.title')}</h1>
      {props.sent ? (
        <p role="status">{t('forgot.sent')}</p>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <form method="post" action="/account/forgot" novalidate>
            <CsrfField ctx={ctx} />
            <TextField ctx={ctx} form={form} name="email" type="email" label={t('account.email')} autocomplete="email" required />
            <SubmitButton>{t('forgot.submit')}</SubmitButton>
          </form>
        </>
      )}
    </Layout>
  );
}

export function ResetPage(props: { ctx: ViewContext; form: FormState; token: string }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')}>
      <h1>{t('reset.title')}</h1>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action="/account/reset" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="token" value={props.token} />
        <TextField
          ctx={ctx}
          form={form}
          name="password"
          type="password"
          label={t('reset.newPassword')}
          hint={t('account.password.hint')}
          autocomplete="new-password"
          required
        />
        <SubmitButton>{t('reset.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function MessagePage(props: { ctx: ViewContext; title: string; message: string; link?: { href: string; label: string } }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.link && (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      )}
    </Layout>
  );
}

export interface TokenRow {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function AccountPage(props: {
  ctx: ViewContext;
  form: FormState;
  email: string;
  tokens: TokenRow[];
  newToken?: string;
  deleteForm: FormState;
  notice?: string;
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  const fmt = { format: (at: Date) => formatTimestamp(at, ctx.locale) };
  return (
    <Layout ctx={ctx} title={t('account.title')} notice={props.notice}>
      <h1>{t('account.title')}</h1>
      <p>
        {t('account.email')}: <strong>{props.email}</strong>
      </p>
      <section aria-labelledby="profile-h">
        <h2 id="profile-h">{t('account.profile')}</h2>
        <ErrorSummary ctx={ctx} form={form} />
        <form method="post" action="/account" novalidate>
          <CsrfField ctx={ctx} />
          <ProfileFields ctx={ctx} form={form} />
          <SubmitButton>{t('form.save')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="tokens-h">
        <h2 id="tokens-h">{t('tokens.title')}</h2>
        <p>{t('tokens.intro')}</p>
        {props.newToken && (
          <div class="notice" role="status">
            <p>{t('tokens.created')}</p>
            <p>
              <code class="token">{props.newToken}</code>
            </p>
          </div>
        )}
        {props.tokens.length > 0 && (
          <table>
            <TableHead ctx={ctx} caption={t('tokens.title')} columns={[t('tokens.name'), t('tokens.createdAt'), t('tokens.lastUsed')]} actions />
            <tbody>
              {props.tokens.map((tok) => (
                <tr>
                  <td>{tok.name || '—'}</td>
                  <td>{fmt.format(tok.createdAt)} UTC</td>
                  <td>{tok.lastUsedAt ? `${fmt.format(tok.lastUsedAt)} UTC` : '—'}</td>
                  <td>
                    <form method="post" action={`/account/tokens/${tok.id}/delete`} class="inline">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="secondary">
                        {t('tokens.revoke')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action="/account/tokens" novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} form={{ values: {}, errors: [] }} name="tokenName" label={t('tokens.name')} />
          <SubmitButton>{t('tokens.create')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">{t('privacy.title')}</h2>
        <p>
          <a href="/me/registrations">{t('registration.mine')}</a> · <a href="/account/export.json">{t('privacy.export')}</a>
        </p>
        <h3>{t('privacy.delete')}</h3>
        <p>{t('privacy.deleteExplain')}</p>
        <ErrorSummary ctx={ctx} form={props.deleteForm} />
        <form method="post" action="/account/delete" novalidate data-confirm={t('privacy.deleteConfirm')}>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} form={props.deleteForm} name="password" type="password" label={t('privacy.passwordToDelete')} autocomplete="current-password" required />
          <div class="actions">
            <button type="submit" class="secondary">
              {t('privacy.delete')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
