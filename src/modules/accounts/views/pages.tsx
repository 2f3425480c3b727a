import type { ViewContext } from '../../../platform/http/request-context.ts';
import { formatTimestamp } from '../../../platform/i18n/dates.ts';
import { localeNames, locales } from '../../../platform/i18n/index.ts';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from '../../../platform/ui/forms.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { MenuLink } from '../../../platform/ui/menus.ts';
import { TableHead } from '../../../platform/ui/table.tsx';
import { accountPaths } from '../paths.ts';
import { ProfileFields } from './profile-fields.tsx';

/** `next` in a link to the login or sign-up form: none for the home page. */
const onward = (next: string) => ({ next: next === '/' ? undefined : next });

export function SignUpPage(props: { ctx: ViewContext; form: FormState; next: string }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signup.title')}>
      <h1>{t('signup.title')}</h1>
      <p>{t('signup.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={accountPaths.signUp()} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={props.next} />
        <RequiredNote ctx={ctx} />
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
        <p class="hint">
          <a href={accountPaths.privacy()}>{t('privacyNotice.read')}</a>
        </p>
        <SubmitButton>{t('signup.submit')}</SubmitButton>
      </form>
      <p>
        {t('signup.haveAccount')} <a href={accountPaths.login({}, onward(props.next))}>{t('nav.login')}</a>
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
      <form method="post" action={accountPaths.login()} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={props.next} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('account.email')} autocomplete="username" required />
        <TextField
          ctx={ctx}
          form={form}
          name="password"
          type="password"
          label={t('account.password')}
          autocomplete="current-password"
          required
        />
        <SubmitButton>{t('login.submit')}</SubmitButton>
      </form>
      <p>
        <a href={accountPaths.forgot()}>{t('login.forgot')}</a> ·{' '}
        <a href={accountPaths.signUp({}, onward(props.next))}>{t('nav.signup')}</a>
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
          <form method="post" action={accountPaths.forgot()} novalidate>
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
      <form method="post" action={accountPaths.reset()} novalidate>
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

interface TokenRow {
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
  passwordForm: FormState;
  twoFactorEnabled: boolean;
  /** Two-factor sign-in is advised to this account (the secretariat's, which can see passport details). */
  twoFactorAdvised: boolean;
  notice?: string;
  dataLinks?: MenuLink[];
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
        <form method="post" action={accountPaths.account()} novalidate>
          <CsrfField ctx={ctx} />
          <ProfileFields ctx={ctx} form={form} />
          <SelectField
            ctx={ctx}
            form={form}
            name="preferredLanguage"
            label={t('account.language')}
            hint={t('account.language.hint')}
            options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
          />
          <SubmitButton>{t('form.save')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="password-h">
        <h2 id="password-h">{t('password.title')}</h2>
        <p>{t('password.intro')}</p>
        <ErrorSummary ctx={ctx} form={props.passwordForm} />
        <form method="post" action={accountPaths.password()} novalidate>
          <CsrfField ctx={ctx} />
          <TextField
            ctx={ctx}
            form={props.passwordForm}
            name="currentPassword"
            type="password"
            label={t('password.current')}
            autocomplete="current-password"
            required
          />
          <TextField
            ctx={ctx}
            form={props.passwordForm}
            name="newPassword"
            type="password"
            label={t('reset.newPassword')}
            hint={t('account.password.hint')}
            autocomplete="new-password"
            required
          />
          <TextField
            ctx={ctx}
            form={props.passwordForm}
            name="newPasswordAgain"
            type="password"
            label={t('password.again')}
            autocomplete="new-password"
            required
          />
          <SubmitButton>{t('reset.submit')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="two-factor-h">
        <h2 id="two-factor-h">{t('twoFactor.title')}</h2>
        <p>{props.twoFactorEnabled ? t('twoFactor.statusOn') : t('twoFactor.statusOff')}</p>
        {!props.twoFactorEnabled && props.twoFactorAdvised && <p>{t('twoFactor.secretariatAdvice')}</p>}
        <p>
          <a href={accountPaths.twoFactor()}>{props.twoFactorEnabled ? t('twoFactor.manage') : t('twoFactor.setUp')}</a>
        </p>
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
            <TableHead
              ctx={ctx}
              caption={t('tokens.title')}
              columns={[t('tokens.name'), t('tokens.createdAt'), t('tokens.lastUsed')]}
              actions
            />
            <tbody>
              {props.tokens.map((tok) => (
                <tr>
                  <td>{tok.name || '—'}</td>
                  <td>{fmt.format(tok.createdAt)} UTC</td>
                  <td>{tok.lastUsedAt ? `${fmt.format(tok.lastUsedAt)} UTC` : '—'}</td>
                  <td>
                    <form method="post" action={accountPaths.deleteToken({ id: tok.id })} class="inline">
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
        <form method="post" action={accountPaths.tokens()} novalidate>
          <CsrfField ctx={ctx} />
          <TextField ctx={ctx} form={{ values: {}, errors: [] }} name="tokenName" label={t('tokens.name')} />
          <SubmitButton>{t('tokens.create')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="data-h">
        <h2 id="data-h">{t('privacy.title')}</h2>
        <p>
          {props.dataLinks?.map((link) => (
            <>
              <a href={link.href}>{link.label}</a> ·{' '}
            </>
          ))}
          <a href={accountPaths.export()}>{t('privacy.export')}</a>
        </p>
        <h3>{t('privacy.delete')}</h3>
        <p>{t('privacy.deleteExplain')}</p>
        <ErrorSummary ctx={ctx} form={props.deleteForm} />
        <form method="post" action={accountPaths.deleteAccount()} novalidate data-confirm={t('privacy.deleteConfirm')}>
          <CsrfField ctx={ctx} />
          <TextField
            ctx={ctx}
            form={props.deleteForm}
            name="password"
            type="password"
            label={t('privacy.passwordToDelete')}
            autocomplete="current-password"
            required
          />
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

export function ResetDonePage(props: { ctx: ViewContext; revokedTokens: number }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')}>
      <h1>{t('reset.doneTitle')}</h1>
      <p role="status">{t('reset.done')}</p>
      {props.revokedTokens > 0 && <p>{t('password.tokensRevoked', { count: props.revokedTokens })}</p>}
      <p>
        <a href={accountPaths.login()}>{t('nav.login')}</a>
      </p>
    </Layout>
  );
}

export function TwoFactorLoginPage(props: { ctx: ViewContext; form: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoFactor.loginTitle')}>
      <h1>{t('twoFactor.loginTitle')}</h1>
      <p>{t('twoFactor.loginIntro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="post" action={accountPaths.loginTwoFactor()} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          form={form}
          name="code"
          label={t('twoFactor.code')}
          hint={t('twoFactor.codeHint')}
          autocomplete="one-time-code"
          dir="ltr"
          required
        />
        <SubmitButton>{t('twoFactor.verify')}</SubmitButton>
      </form>
      <p>
        <a href={accountPaths.login()}>{t('twoFactor.startAgain')}</a>
      </p>
    </Layout>
  );
}

interface TwoFactorView {
  enabled: boolean;
  enabledAt: Date | null;
  enrolment: { secret: string; grouped: string; uri: string; qrDataUrl: string } | null;
  recoveryCodesLeft: number;
  mayDisable: boolean;
}

export function TwoFactorPage(props: {
  ctx: ViewContext;
  status: TwoFactorView;
  codes?: string[];
  confirmForm?: FormState;
  disableForm?: FormState;
  recoveryForm?: FormState;
  notice?: string;
}) {
  const { ctx, status } = props;
  const { t } = ctx;
  const confirmForm = props.confirmForm ?? emptyForm();
  const disableForm = props.disableForm ?? emptyForm();
  const recoveryForm = props.recoveryForm ?? emptyForm();
  return (
    <Layout ctx={ctx} title={t('twoFactor.title')} notice={props.notice}>
      <h1>{t('twoFactor.title')}</h1>
      {/* A form whose section is not shown (nothing to confirm, nothing to turn off) explains itself here. */}
      {!status.enrolment && <ErrorSummary ctx={ctx} form={confirmForm} />}
      {!status.enabled && <ErrorSummary ctx={ctx} form={disableForm} />}
      {!status.enabled && <ErrorSummary ctx={ctx} form={recoveryForm} />}
      <p>{t('twoFactor.intro')}</p>
      {props.codes && (
        <div class="notice" role="status">
          <h2>{t('twoFactor.codesTitle')}</h2>
          <p>{t('twoFactor.codesIntro')}</p>
          <ol class="recovery-codes">
            {props.codes.map((c) => (
              <li>
                <code>{c}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
      <p>
        {status.enabled && status.enabledAt
          ? t('twoFactor.onSince', { date: `${formatTimestamp(status.enabledAt, ctx.locale)} UTC`, count: status.recoveryCodesLeft })
          : t('twoFactor.statusOff')}
      </p>
      {!status.mayDisable && <p>{t('twoFactor.secretariatRule')}</p>}
      {status.enrolment ? (
        <section aria-labelledby="enrol-h">
          <h2 id="enrol-h">{status.enabled ? t('twoFactor.replaceTitle') : t('twoFactor.enrolTitle')}</h2>
          <ol>
            <li>
              <p>{t('twoFactor.scan')}</p>
              <p>
                <img class="qr" src={status.enrolment.qrDataUrl} width={200} height={200} alt={t('twoFactor.qrAlt')} />
              </p>
              <p>
                {t('twoFactor.typeKey')}{' '}
                <code class="token" dir="ltr">
                  {status.enrolment.grouped}
                </code>
              </p>
              <p class="hint">{t('twoFactor.keyDetails', { account: ctx.actor?.email ?? '' })}</p>
            </li>
            <li>
              <p>{t('twoFactor.confirmStep')}</p>
              <ErrorSummary ctx={ctx} form={confirmForm} />
              <form method="post" action={accountPaths.twoFactorConfirm()} novalidate>
                <CsrfField ctx={ctx} />
                <TextField
                  ctx={ctx}
                  form={confirmForm}
                  name="code"
                  label={t('twoFactor.appCode')}
                  autocomplete="one-time-code"
                  dir="ltr"
                  required
                />
                <TextField
                  ctx={ctx}
                  form={confirmForm}
                  name="password"
                  type="password"
                  label={t('account.password')}
                  autocomplete="current-password"
                  required
                />
                <SubmitButton>{status.enabled ? t('twoFactor.confirmReplace') : t('twoFactor.turnOn')}</SubmitButton>
              </form>
            </li>
          </ol>
        </section>
      ) : (
        <form method="post" action={accountPaths.twoFactorStart()} novalidate>
          <CsrfField ctx={ctx} />
          <SubmitButton>{status.enabled ? t('twoFactor.replace') : t('twoFactor.setUp')}</SubmitButton>
        </form>
      )}
      {status.enabled && (
        <section aria-labelledby="recovery-h">
          <h2 id="recovery-h">{t('twoFactor.codesTitle')}</h2>
          <p>{t('twoFactor.newCodesIntro')}</p>
          <ErrorSummary ctx={ctx} form={recoveryForm} />
          <form method="post" action={accountPaths.recoveryCodes()} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              ctx={ctx}
              form={recoveryForm}
              name="password"
              type="password"
              label={t('account.password')}
              autocomplete="current-password"
              required
            />
            <SubmitButton>{t('twoFactor.newCodes')}</SubmitButton>
          </form>
        </section>
      )}
      {status.enabled && status.mayDisable && (
        <section aria-labelledby="disable-h">
          <h2 id="disable-h">{t('twoFactor.disableTitle')}</h2>
          <ErrorSummary ctx={ctx} form={disableForm} />
          <form method="post" action={accountPaths.twoFactorDisable()} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              ctx={ctx}
              form={disableForm}
              name="code"
              label={t('twoFactor.code')}
              hint={t('twoFactor.codeHint')}
              autocomplete="one-time-code"
              dir="ltr"
              required
            />
            <TextField
              ctx={ctx}
              form={disableForm}
              name="password"
              type="password"
              label={t('account.password')}
              autocomplete="current-password"
              required
            />
            <div class="actions">
              <button type="submit" class="secondary">
                {t('twoFactor.disable')}
              </button>
            </div>
          </form>
        </section>
      )}
      <p>
        <a href={accountPaths.account()}>{t('account.title')}</a>
      </p>
    </Layout>
  );
}
