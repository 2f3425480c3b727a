import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { anyone, byPolicy, bySecret } from '../../platform/http/access.ts';
import { sendPrivateFile } from '../../platform/http/downloads.ts';
import { formBody, formFailure, noticeFrom, redirectWithNotice, sentValues } from '../../platform/http/forms.ts';
import { requireActor, signedIn } from '../../platform/http/page-guard.ts';
import { problems } from '../../platform/http/problem.ts';
import { safeNext } from '../../platform/http/redirects.ts';
import { SESSION_COOKIE, viewContext } from '../../platform/http/request-context.ts';
import { emptyForm, type FormState } from '../../platform/ui/forms.tsx';
import { sendPage } from '../../platform/ui/render.ts';
import { renderSlot } from '../../platform/ui/slots.ts';
import { toId } from '../../platform/validation.ts';
import { revokeToken, turnOffTwoFactor, useOwnAccount } from './policies.ts';
import * as privacy from './privacy.ts';
import type { Actor } from './profile.ts';
import * as accounts from './service.ts';
import { personalDataLinks } from './slots.ts';
import * as twoFactor from './two-factor.ts';
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

export async function accountRoutes(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const hide = { schema: { hide: true } };
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    maxAge: 30 * 86_400,
  };
  const pendingCookieOptions = { ...cookieOptions, path: '/login', maxAge: 5 * 60 };

  app.get('/signup', { ...hide, config: { access: anyone } }, async (req, reply) =>
    sendPage(reply, SignUpPage({ ctx: viewContext(req), form: emptyForm() })),
  );
  app.post('/signup', { ...hide, config: { access: anyone } }, async (req, reply) => {
    try {
      const body = formBody(req);
      // The same answer whether or not the address has an account (see signUp).
      await accounts.signUp(ctx, body as accounts.SignUpInput, req.locale, req.ip);
      const { t } = req;
      return sendPage(reply, MessagePage({ ctx: viewContext(req), title: t('signup.sentTitle'), message: t('signup.sent') }));
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return sendPage(reply, SignUpPage({ ctx: viewContext(req), form }), status);
    }
  });

  app.get('/login', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    return sendPage(reply, LoginPage({ ctx: viewContext(req), form: emptyForm(), next, notice: noticeFrom(req) }));
  });
  app.post('/login', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const next = safeNext(sentValues(req).next);
    try {
      const body = formBody(req);
      const step = await twoFactor.logIn(ctx, body as { email: string; password: string }, req.ip, next);
      if ('pending' in step) {
        reply.setCookie(PENDING_LOGIN_COOKIE, step.pending, pendingCookieOptions);
        return reply.redirect('/login/two-factor', 303);
      }
      reply.setCookie(SESSION_COOKIE, step.session, cookieOptions);
      return reply.redirect(next, 303);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return sendPage(reply, LoginPage({ ctx: viewContext(req), form, next }), status);
    }
  });

  app.get('/login/two-factor', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    if (!(await twoFactor.pendingLoginValid(ctx, req.cookies[PENDING_LOGIN_COOKIE])))
      return redirectWithNotice(reply, '/login', 'loginExpired');
    return sendPage(reply, TwoFactorLoginPage({ ctx: viewContext(req), form: emptyForm() }));
  });
  app.post('/login/two-factor', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    try {
      const done = await twoFactor.completeLogin(ctx, req.cookies[PENDING_LOGIN_COOKIE], formBody(req), req.ip);
      reply.clearCookie(PENDING_LOGIN_COOKIE, { path: '/login' });
      reply.setCookie(SESSION_COOKIE, done.session, cookieOptions);
      return reply.redirect(done.next, 303);
    } catch (error) {
      if (error instanceof DomainError && error.type === 'login-expired') {
        reply.clearCookie(PENDING_LOGIN_COOKIE, { path: '/login' });
        return redirectWithNotice(reply, '/login', 'loginExpired');
      }
      const { form, status } = formFailure(error, { ...sentValues(req), code: '' });
      return sendPage(reply, TwoFactorLoginPage({ ctx: viewContext(req), form }), status);
    }
  });

  app.post('/logout', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await accounts.endSession(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithNotice(reply, '/login', 'loggedOut');
  });

  app.get('/account/verify', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    const outcome = await accounts.verifyEmail(ctx, token);
    const { t } = req;
    if (outcome === 'created') {
      return sendPage(
        reply,
        MessagePage({
          ctx: viewContext(req),
          title: t('signup.readyTitle'),
          message: t('signup.ready'),
          link: { href: '/login', label: t('nav.login') },
        }),
      );
    }
    return sendPage(
      reply,
      MessagePage({
        ctx: viewContext(req),
        title: t('verify.title'),
        message: t('notice.verified'),
        link: { href: '/groups', label: t('nav.groups') },
      }),
    );
  });
  app.post('/account/verify/resend', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = requireActor(req);
    await accounts.resendVerification(ctx, actor, req.locale);
    return redirectWithNotice(reply, '/account', 'verificationSent');
  });

  app.get('/account/forgot', { ...hide, config: { access: anyone } }, async (req, reply) =>
    sendPage(reply, ForgotPage({ ctx: viewContext(req), form: emptyForm() })),
  );
  app.post('/account/forgot', { ...hide, config: { access: anyone } }, async (req, reply) => {
    try {
      const body = formBody(req);
      await accounts.requestPasswordReset(ctx, body as { email?: string }, req.locale, req.ip);
      return sendPage(reply, ForgotPage({ ctx: viewContext(req), form: emptyForm(), sent: true }));
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return sendPage(reply, ForgotPage({ ctx: viewContext(req), form }), status);
    }
  });

  app.get('/account/reset', { ...hide, config: { access: anyone } }, async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    return sendPage(reply, ResetPage({ ctx: viewContext(req), form: emptyForm(), token }));
  });
  app.post('/account/reset', { ...hide, config: { access: bySecret } }, async (req, reply) => {
    try {
      const body = formBody(req);
      const { revokedTokens } = await accounts.resetPassword(ctx, body);
      return sendPage(reply, ResetDonePage({ ctx: viewContext(req), revokedTokens }));
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return sendPage(reply, ResetPage({ ctx: viewContext(req), form, token: String(sentValues(req).token ?? '') }), status);
    }
  });

  const showAccount = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { form?: FormState; deleteForm?: FormState; passwordForm?: FormState; status?: number; newToken?: string; notice?: string } = {},
  ) => {
    const [profile, tokens, withTwoFactor, dataLinks] = await Promise.all([
      accounts.getProfile(ctx, actor),
      accounts.listApiTokens(ctx, actor),
      twoFactor.isTwoFactorEnabled(ctx, actor.id),
      renderSlot(personalDataLinks, ctx, req, actor),
    ]);
    return sendPage(
      reply,
      AccountPage({
        ctx: viewContext(req),
        form: extra.form ?? emptyForm(profile),
        email: profile.email,
        tokens,
        newToken: extra.newToken,
        deleteForm: extra.deleteForm ?? emptyForm(),
        passwordForm: extra.passwordForm ?? emptyForm(),
        twoFactorEnabled: withTwoFactor,
        dataLinks: dataLinks.flatMap((p) => p.part),
        notice: extra.notice ?? noticeFrom(req),
      }),
      extra.status,
    );
  };

  app.get('/account', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = signedIn(req, reply);
    if (!actor) return reply;
    return showAccount(req, reply, actor);
  });
  app.post('/account', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const body = formBody(req);
      await accounts.updateProfile(ctx, actor, body as accounts.ProfileInput);
      return redirectWithNotice(reply, '/account', 'saved');
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showAccount(req, reply, actor, { form, status });
    }
  });
  app.post('/account/password', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const { revokedTokens } = await accounts.changePassword(
        ctx,
        actor,
        formBody(req) as accounts.ChangePasswordInput,
        req.ip,
        req.cookies[SESSION_COOKIE],
      );
      const { t } = req;
      const notice = [t('notice.passwordChangedHere'), revokedTokens > 0 ? t('password.tokensRevoked', { count: revokedTokens }) : '']
        .filter(Boolean)
        .join(' ');
      return showAccount(req, reply, actor, { notice });
    } catch (error) {
      const { currentPassword: _c, newPassword: _n, newPasswordAgain: _a, ...kept } = sentValues(req);
      const { form, status } = formFailure(error, kept);
      return showAccount(req, reply, actor, { passwordForm: form, status });
    }
  });

  const showTwoFactor = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    extra: { codes?: string[]; confirmForm?: FormState; disableForm?: FormState; recoveryForm?: FormState; httpStatus?: number } = {},
  ) => {
    const { httpStatus, ...forms } = extra;
    const status = await twoFactor.twoFactorStatus(ctx, actor);
    return sendPage(reply, TwoFactorPage({ ctx: viewContext(req), status, notice: noticeFrom(req), ...forms }), httpStatus);
  };
  app.get('/account/two-factor', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = signedIn(req, reply);
    if (!actor) return reply;
    return showTwoFactor(req, reply, actor);
  });
  app.post('/account/two-factor/start', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    await twoFactor.startEnrolment(ctx, requireActor(req));
    return reply.redirect('/account/two-factor', 303);
  });
  app.post('/account/two-factor/confirm', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const codes = await twoFactor.confirmEnrolment(ctx, actor, formBody(req), req.ip, req.cookies[SESSION_COOKIE]);
      return showTwoFactor(req, reply, actor, { codes });
    } catch (error) {
      const { form, status } = formFailure(error, { ...sentValues(req), code: '' });
      return showTwoFactor(req, reply, actor, { confirmForm: form, httpStatus: status });
    }
  });
  app.post(
    '/account/two-factor/recovery-codes',
    { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } },
    async (req, reply) => {
      const actor = requireActor(req);
      try {
        const codes = await twoFactor.regenerateRecoveryCodes(ctx, actor, formBody(req), req.ip);
        return showTwoFactor(req, reply, actor, { codes });
      } catch (error) {
        const { form, status } = formFailure(error, sentValues(req));
        return showTwoFactor(req, reply, actor, { recoveryForm: form, httpStatus: status });
      }
    },
  );
  app.post(
    '/account/two-factor/disable',
    { ...hide, config: { access: byPolicy(turnOffTwoFactor, 'participants') } },
    async (req, reply) => {
      const actor = requireActor(req);
      try {
        await twoFactor.disableTwoFactor(ctx, actor, formBody(req), req.ip);
        return redirectWithNotice(reply, '/account/two-factor', 'twoFactorOff');
      } catch (error) {
        const { form, status } = formFailure(error, { ...sentValues(req), code: '' });
        return showTwoFactor(req, reply, actor, { disableForm: form, httpStatus: status });
      }
    },
  );

  app.post('/account/tokens', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = requireActor(req);
    const name = String(formBody(req).tokenName ?? '').trim();
    const token = await accounts.createApiToken(ctx, actor, name);
    return showAccount(req, reply, actor, { newToken: token });
  });
  app.post('/account/tokens/:id/delete', { ...hide, config: { access: byPolicy(revokeToken, 'self') } }, async (req, reply) => {
    const actor = requireActor(req);
    await accounts.revokeApiToken(ctx, actor, toId((req.params as { id: string }).id));
    return redirectWithNotice(reply, '/account', 'deleted');
  });

  app.get('/account/export.json', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const data = await privacy.exportMyData(ctx, requireActor(req));
    return sendPrivateFile(reply, JSON.stringify(data, null, 2), 'application/json; charset=utf-8', 'convene-my-data.json');
  });
  app.post('/account/delete', { ...hide, config: { access: byPolicy(useOwnAccount, 'signed-in') } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const body = formBody(req);
      await privacy.deleteMyAccount(ctx, actor, { password: String(body.password ?? '') }, req.ip);
    } catch (error) {
      const { form, status } = formFailure(error, sentValues(req));
      return showAccount(req, reply, actor, { deleteForm: form, status });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return redirectWithNotice(reply, '/groups', 'accountDeleted');
  });
  app.get('/', { ...hide, config: { access: anyone } }, async (_req, reply) => reply.redirect('/groups', 302));

  const Me = z.object({
    id: z.number(),
    email: z.string(),
    title: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    organization: z.string(),
    country: z.string(),
    category: z.string(),
    role: z.string(),
    emailVerified: z.boolean(),
  });
  app.get(
    '/api/me',
    {
      config: { access: byPolicy(useOwnAccount, 'signed-in') },
      schema: {
        operationId: 'getMe',
        tags: ['accounts'],
        summary: 'The signed-in account',
        security: [{ bearer: [] }],
        response: { 200: Me },
      },
    },
    async (req) => {
      const profile = await accounts.getProfile(ctx, requireActor(req));
      return { ...profile, emailVerified: profile.emailVerifiedAt !== null };
    },
  );
}

export async function accountDataApi(scope: FastifyInstance, ctx: AppContext) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const Rows = z.array(z.record(z.string(), z.unknown()));
  const MyData = z
    .object({
      exportedAt: z.string(),
      account: z.record(z.string(), z.unknown()).describe('The profile (without the password hash)'),
      apiTokens: Rows.describe('Name and dates of each token, never the token'),
      twoFactor: z.unknown().describe('Whether two-factor authentication is on, and since when'),
      registrations: Rows.optional().describe('Each registration with its meeting title and visa request (passport details included)'),
      mailingLists: Rows.optional().describe('Subscriptions of the account’s address'),
    })
    .catchall(z.unknown())
    .describe('What convene holds about the account: the account’s own parts, then each module’s');
  app.get(
    '/api/me/export',
    {
      config: { access: byPolicy(useOwnAccount, 'signed-in') },
      schema: {
        operationId: 'exportMyData',
        tags: ['accounts'],
        summary: 'Everything convene holds about me (JSON)',
        security: [{ bearer: [] }],
        response: { 200: MyData },
      },
    },
    async (req) => privacy.exportMyData(ctx, req.actor),
  );
  app.delete(
    '/api/me',
    {
      config: { access: byPolicy(useOwnAccount, 'signed-in') },
      schema: {
        operationId: 'deleteMyAccount',
        tags: ['accounts'],
        summary: 'Delete my account and my data (password required)',
        security: [{ bearer: [] }],
        body: z.object({ password: z.string() }),
        response: { 204: z.null().describe('No content'), ...problems(429) },
      },
    },
    async (req, reply) => {
      await privacy.deleteMyAccount(ctx, req.actor, req.body, req.ip);
      return reply.code(204).send(null);
    },
  );
}
