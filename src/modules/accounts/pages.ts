import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { anyone, byPolicy, bySecret } from '../../platform/http/access.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { formPage } from '../../platform/http/form-page.ts';
import { formBody, noticeFrom, redirectWithNotice, sentValues } from '../../platform/http/forms.ts';
import { requireActor, signedIn } from '../../platform/http/page-guard.ts';
import { landingPath, safeNext } from '../../platform/http/redirects.ts';
import { SESSION_COOKIE, viewContext } from '../../platform/http/request-context.ts';
import { isLocale } from '../../platform/i18n/index.ts';
import { isSecretariat } from '../../platform/policy.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { toId } from '../../platform/validation.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import type { SettingsInput, SignUpInput } from './input.ts';
import { endSession } from './login.ts';
import { getProfile, setPreferredLanguage, updateProfile } from './own-profile.ts';
import { type ChangePasswordInput, changePassword, requestPasswordReset, resetPassword } from './password-change.ts';
import { accountPaths as paths } from './paths.ts';
import { revokeToken, turnOffTwoFactor, useOwnAccount } from './policies.ts';
import * as privacy from './privacy.ts';
import { resendVerification, signUp, verifyEmail } from './sign-up.ts';
import { homeFigures, homeSections, personalDataLinks } from './slots.ts';
import * as twoFactor from './two-factor.ts';
import { HomePage } from './views/home.tsx';
import {
  AccountPage,
  ForgotPage,
  LoginPage,
  MessagePage,
  ResetDonePage,
  ResetPage,
  SignUpPage,
  TwoFactorLoginPage,
  TwoFactorPage,
} from './views/pages.tsx';

/** The cookie of a login waiting for its second factor (only on /login paths, five minutes). */
const PENDING_LOGIN_COOKIE = 'convene_login';

const hide = { schema: { hide: true } };
const withoutCode = (form: FormState): FormState => ({ ...form, values: { ...form.values, code: '' } });
/**
 * Where to go after logging in or signing up: asked for by the link to the form, then carried by the form (and
 * by the mailed link of a sign-up); a local path only, never another login or sign-up page.
 */
const nextOf = (req: FastifyRequest) =>
  landingPath(req.method === 'GET' ? (req.query as Record<string, unknown>).next : sentValues(req).next);

/**
 * The login or sign-up form asked for with a `next` it will not use as given (nested, or not a local path): sent to
 * its own address with the `next` it will use, so the page and its links (the language switcher's) never repeat it.
 */
function withUsableNext(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const asked = (req.query as Record<string, unknown>).next;
  if (asked === undefined) return undefined;
  const next = landingPath(asked);
  if (asked === next) return undefined;
  const url = new URL(req.url, 'http://local');
  if (next === '/') url.searchParams.delete('next');
  else url.searchParams.set('next', next);
  return reply.redirect(url.pathname + url.search, 303);
}

export async function accountPages(app: FastifyInstance, ctx: AppContext) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    maxAge: 30 * 86_400,
  };
  const pendingCookieOptions = { ...cookieOptions, path: paths.login(), maxAge: 5 * 60 };
  const ownAccount = byPolicy(useOwnAccount, 'signed-in');

  formPage(app, paths.signUp.pattern, {
    access: anyone,
    initial: (req, reply) => withUsableNext(req, reply) ?? emptyForm(),
    show: (req, reply, form, status) => sendPage(reply, SignUpPage({ ctx: viewContext(req), form, next: nextOf(req) }), status),
    submit: async (req, reply, body) => {
      // The same answer whether or not the address has an account (see signUp).
      await signUp(ctx, body as SignUpInput, req.locale, req.ip, nextOf(req));
      const { t } = req;
      return sendPage(reply, MessagePage({ ctx: viewContext(req), title: t('signup.sentTitle'), message: t('signup.sent') }));
    },
  });

  formPage(app, paths.login.pattern, {
    access: anyone,
    // Already signed in: on to where the login would have led.
    initial: (req, reply) => (req.actor ? reply.redirect(nextOf(req), 303) : (withUsableNext(req, reply) ?? emptyForm())),
    show: (req, reply, form, status) =>
      sendPage(
        reply,
        LoginPage({ ctx: viewContext(req), form, next: nextOf(req), notice: req.method === 'GET' ? noticeFrom(req) : undefined }),
        status,
      ),
    submit: async (req, reply, body) => {
      const next = nextOf(req);
      const step = await twoFactor.logIn(ctx, body as { email: string; password: string }, req.ip, next);
      if ('pending' in step) {
        reply.setCookie(PENDING_LOGIN_COOKIE, step.pending, pendingCookieOptions);
        return reply.redirect(paths.loginTwoFactor(), 303);
      }
      reply.setCookie(SESSION_COOKIE, step.session, cookieOptions);
      return reply.redirect(next, 303);
    },
  });

  formPage(app, paths.loginTwoFactor.pattern, {
    access: bySecret,
    initial: async (req, reply) =>
      (await twoFactor.pendingLoginValid(ctx, req.cookies[PENDING_LOGIN_COOKIE]))
        ? emptyForm()
        : redirectWithNotice(reply, paths.login(), 'loginExpired'),
    show: (req, reply, form, status) => sendPage(reply, TwoFactorLoginPage({ ctx: viewContext(req), form }), status),
    submit: async (req, reply, body) => {
      try {
        const done = await twoFactor.completeLogin(ctx, req.cookies[PENDING_LOGIN_COOKIE], body, req.ip);
        reply.clearCookie(PENDING_LOGIN_COOKIE, { path: paths.login() });
        reply.setCookie(SESSION_COOKIE, done.session, cookieOptions);
        return reply.redirect(done.next, 303);
      } catch (error) {
        if (!(error instanceof DomainError && error.type === 'login-expired')) throw error;
        reply.clearCookie(PENDING_LOGIN_COOKIE, { path: paths.login() });
        return redirectWithNotice(reply, paths.login(), 'loginExpired');
      }
    },
    refill: withoutCode,
  });

  app.post(paths.logout.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endSession(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithNotice(reply, paths.login(), 'loggedOut');
  });

  app.get(paths.verify.pattern, { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    const outcome = await verifyEmail(ctx, token);
    // The link carries where the person was going when signing up (or asking for it again).
    const next = nextOf(req);
    const { t } = req;
    if (outcome === 'created') {
      return sendPage(
        reply,
        MessagePage({
          ctx: viewContext(req),
          title: t('signup.readyTitle'),
          message: t('signup.ready'),
          link: { href: paths.login({}, { next: next === '/' ? undefined : next }), label: t('nav.login') },
        }),
      );
    }
    return sendPage(
      reply,
      MessagePage({
        ctx: viewContext(req),
        title: t('verify.title'),
        message: t('notice.verified'),
        link: next === '/' ? { href: '/groups', label: t('nav.groups') } : { href: next, label: t('verify.continue') },
      }),
    );
  });
  app.post(paths.resendVerification.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    const actor = requireActor(req);
    await resendVerification(ctx, actor, req.locale, nextOf(req));
    return redirectWithNotice(reply, paths.account(), 'verificationSent');
  });

  formPage(app, paths.forgot.pattern, {
    access: anyone,
    show: (req, reply, form, status) => sendPage(reply, ForgotPage({ ctx: viewContext(req), form }), status),
    submit: async (req, reply, body) => {
      await requestPasswordReset(ctx, body as { email?: string }, req.locale, req.ip);
      return sendPage(reply, ForgotPage({ ctx: viewContext(req), form: emptyForm(), sent: true }));
    },
  });

  // The form is anyone's to see; sending it takes the token from the mail.
  app.get(paths.reset.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    return sendPage(reply, ResetPage({ ctx: viewContext(req), form: emptyForm(), token }));
  });
  formPage(app, paths.reset.pattern, {
    access: bySecret,
    postOnly: true,
    show: (req, reply, form, status) =>
      sendPage(reply, ResetPage({ ctx: viewContext(req), form, token: String(sentValues(req).token ?? '') }), status),
    submit: async (req, reply, body) => {
      const { revokedTokens } = await resetPassword(ctx, body);
      return sendPage(reply, ResetDonePage({ ctx: viewContext(req), revokedTokens }));
    },
  });

  const showAccount = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: FormState; deleteForm?: FormState; passwordForm?: FormState; status?: number; newToken?: string; notice?: string } = {},
  ) => {
    const actor = requireActor(req);
    const [profile, tokens, withTwoFactor, dataLinks] = await Promise.all([
      getProfile(ctx, actor),
      listApiTokens(ctx, actor),
      twoFactor.isTwoFactorEnabled(ctx, actor.id),
      renderSlot(personalDataLinks, ctx, req, actor),
    ]);
    return sendPage(
      reply,
      AccountPage({
        ctx: viewContext(req),
        // The language of the mails, as the page is read until one is chosen.
        form: extra.form ?? emptyForm({ ...profile, preferredLanguage: profile.preferredLanguage ?? req.locale }),
        email: profile.email,
        tokens,
        newToken: extra.newToken,
        deleteForm: extra.deleteForm ?? emptyForm(),
        passwordForm: extra.passwordForm ?? emptyForm(),
        twoFactorEnabled: withTwoFactor,
        twoFactorAdvised: isSecretariat(req.actor),
        dataLinks: dataLinks.flatMap((p) => p.part),
        notice: extra.notice ?? noticeFrom(req),
      }),
      extra.status,
    );
  };

  // Nobody signed in: the page goes to the login form and back, its forms answer 401.
  app.get(paths.account.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    return showAccount(req, reply);
  });
  formPage(app, paths.account.pattern, {
    access: ownAccount,
    postOnly: true,
    show: (req, reply, form, status) => showAccount(req, reply, { form, status }),
    submit: async (req, reply, body) => {
      await updateProfile(ctx, requireActor(req), body as SettingsInput);
      return redirectWithNotice(reply, paths.account(), 'saved');
    },
  });
  // The language switcher's explicit choice, someone signed in: the page in that language, and the account's
  // language (its mails) too; a mere `?lang=` changes only the browsing (see authenticate.ts).
  app.post(paths.language.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    const actor = requireActor(req);
    const { lang, next } = formBody(req);
    if (!isLocale(lang)) throw new DomainError('invalid-language', 400, 'error.choice');
    await setPreferredLanguage(ctx, actor, lang);
    const url = new URL(safeNext(next), 'http://local');
    url.searchParams.set('lang', lang);
    return reply.redirect(url.pathname + url.search, 303);
  });
  formPage(app, paths.password.pattern, {
    access: ownAccount,
    postOnly: true,
    show: (req, reply, passwordForm, status) => showAccount(req, reply, { passwordForm, status }),
    submit: async (req, reply, body) => {
      const { revokedTokens } = await changePassword(
        ctx,
        requireActor(req),
        body as ChangePasswordInput,
        req.ip,
        req.cookies[SESSION_COOKIE],
      );
      const { t } = req;
      const notice = [t('notice.passwordChangedHere'), revokedTokens > 0 ? t('password.tokensRevoked', { count: revokedTokens }) : '']
        .filter(Boolean)
        .join(' ');
      return showAccount(req, reply, { notice });
    },
    refill: ({ values: { currentPassword: _c, newPassword: _n, newPasswordAgain: _a, ...kept }, errors }) => ({ values: kept, errors }),
  });

  const showTwoFactor = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { codes?: string[]; confirmForm?: FormState; disableForm?: FormState; recoveryForm?: FormState; httpStatus?: number } = {},
  ) => {
    const { httpStatus, ...forms } = extra;
    const status = await twoFactor.twoFactorStatus(ctx, requireActor(req));
    return sendPage(reply, TwoFactorPage({ ctx: viewContext(req), status, notice: noticeFrom(req), ...forms }), httpStatus);
  };
  app.get(paths.twoFactor.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    return showTwoFactor(req, reply);
  });
  app.post(paths.twoFactorStart.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    await twoFactor.startEnrolment(ctx, requireActor(req));
    return reply.redirect(paths.twoFactor(), 303);
  });
  formPage(app, paths.twoFactorConfirm.pattern, {
    access: ownAccount,
    postOnly: true,
    show: (req, reply, confirmForm, httpStatus) => showTwoFactor(req, reply, { confirmForm, httpStatus }),
    submit: async (req, reply, body) => {
      const codes = await twoFactor.confirmEnrolment(ctx, requireActor(req), body, req.ip, req.cookies[SESSION_COOKIE]);
      return showTwoFactor(req, reply, { codes });
    },
    refill: withoutCode,
  });
  formPage(app, paths.recoveryCodes.pattern, {
    access: ownAccount,
    postOnly: true,
    show: (req, reply, recoveryForm, httpStatus) => showTwoFactor(req, reply, { recoveryForm, httpStatus }),
    submit: async (req, reply, body) => {
      const codes = await twoFactor.regenerateRecoveryCodes(ctx, requireActor(req), body, req.ip);
      return showTwoFactor(req, reply, { codes });
    },
  });
  formPage(app, paths.twoFactorDisable.pattern, {
    access: byPolicy(turnOffTwoFactor, 'participants'),
    postOnly: true,
    show: (req, reply, disableForm, httpStatus) => showTwoFactor(req, reply, { disableForm, httpStatus }),
    submit: async (req, reply, body) => {
      await twoFactor.disableTwoFactor(ctx, requireActor(req), body, req.ip);
      return redirectWithNotice(reply, paths.twoFactor(), 'twoFactorOff');
    },
    refill: withoutCode,
  });

  app.post(paths.tokens.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    const actor = requireActor(req);
    const name = String(formBody(req).tokenName ?? '').trim();
    const token = await createApiToken(ctx, actor, name);
    return showAccount(req, reply, { newToken: token });
  });
  app.post(paths.deleteToken.pattern, { ...hide, config: { access: byPolicy(revokeToken, 'self') } }, async (req, reply) => {
    const actor = requireActor(req);
    await revokeApiToken(ctx, actor, toId((req.params as { id: string }).id));
    return redirectWithNotice(reply, paths.account(), 'deleted');
  });

  app.get(paths.export.pattern, { ...hide, config: { access: ownAccount } }, async (req, reply) => {
    const data = await privacy.exportMyData(ctx, requireActor(req));
    return sendPrivateFile(reply, JSON.stringify(data, null, 2), 'application/json; charset=utf-8', 'convene-my-data.json');
  });
  formPage(app, paths.deleteAccount.pattern, {
    access: ownAccount,
    postOnly: true,
    show: (req, reply, deleteForm, status) => showAccount(req, reply, { deleteForm, status }),
    submit: async (req, reply, body) => {
      await privacy.deleteMyAccount(ctx, requireActor(req), { password: String(body.password ?? '') }, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return redirectWithNotice(reply, '/groups', 'accountDeleted');
    },
  });
  app.get(paths.home.pattern, { ...hide, config: { access: anyone } }, async (req, reply) => {
    const [figures, sections] = await Promise.all([renderSlot(homeFigures, ctx, req, null), renderSlot(homeSections, ctx, req, null)]);
    return sendPage(
      reply,
      HomePage({ ctx: viewContext(req), figures: figures.flatMap((f) => f.part), sections: sections.map((f) => f.part) }),
    );
  });
}
