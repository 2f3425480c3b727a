import { and, count, eq, gt, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import encodeQR from 'qr';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Tx } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { isLocale, type Locale, type MessageKey, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { authorize, may } from '../../platform/policy.ts';
import { parseInput } from '../../platform/validation.ts';
import { settleLoginAttempt, takeLoginAttempt } from './limits.ts';
import { authenticate, checkOwnPassword, startSession } from './login.ts';
import { accountPaths } from './paths.ts';
import { turnOffTwoFactor, useOwnAccount } from './policies.ts';
import { PENDING_LOGIN, RECOVERY_CODE_COUNT } from './policy.ts';
import type { Actor } from './profile.ts';
import { accounts, auditEvents, pendingLogins, recoveryCodes, sessions, signupRequests, twoFactor } from './schema.ts';
import { base32Decode, groupedSecret, matchTotp, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, otpauthUri } from './totp.ts';

const ISSUER = 'convene';

class LoginExpiredError extends DomainError {
  constructor() {
    super('login-expired', 400, 'error.loginExpired');
  }
}

const wrongCode = () => new DomainError('invalid-code', 401, 'error.badCode', {}, [{ field: 'code', message: 'error.badCode' }]);

/** A typed code: at most 64 characters of anything; what it is decides itself when it is checked. */
const codeField = z
  .string({ message: 'error.required' })
  .trim()
  .min(1, { message: 'error.required' })
  .max(64, { message: 'error.badCode' });

interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  /** While enrolling (or replacing the app): the new secret, to show as text and as a QR code. */
  enrolment: { secret: string; grouped: string; uri: string; qrDataUrl: string } | null;
  recoveryCodesLeft: number;
  mayDisable: boolean;
}

/** A QR code of the otpauth:// address, as an SVG data: address (the CSP allows data: images only). */
function qrDataUrl(uri: string): string {
  const svg = encodeQR(uri, 'svg', { ecc: 'medium', border: 2 })
    // A white ground, so the code reads on a dark page too.
    .replace(/^<svg([^>]*)>/, (open) => `${open}<rect width="100%" height="100%" fill="#fff"/>`);
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export async function twoFactorStatus(ctx: AppContext, actor: Actor | null): Promise<TwoFactorStatus> {
  authorize(actor, useOwnAccount, undefined);
  const [row] = await ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, actor.id));
  const [left] = await ctx.db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, actor.id), isNull(recoveryCodes.usedAt)));
  const pending = row?.pendingSecret ? ctx.keyring.open(row.pendingSecret).toString('utf8') : null;
  return {
    enabled: Boolean(row?.secret),
    enabledAt: row?.secret ? row.enabledAt : null,
    enrolment: pending
      ? {
          secret: pending,
          grouped: groupedSecret(pending),
          uri: otpauthUri(pending, actor.email, ISSUER),
          qrDataUrl: qrDataUrl(otpauthUri(pending, actor.email, ISSUER)),
        }
      : null,
    recoveryCodesLeft: Number(left?.n ?? 0),
    mayDisable: may(actor, turnOffTwoFactor, undefined),
  };
}

export async function isTwoFactorEnabled(ctx: AppContext, accountId: number): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: twoFactor.accountId })
    .from(twoFactor)
    .where(and(eq(twoFactor.accountId, accountId), isNotNull(twoFactor.secret)));
  return Boolean(row);
}

/** Starts enrolling (or replacing the app): a new secret, sealed, waiting for a code from it. The active one keeps working. */
export async function startEnrolment(ctx: AppContext, actor: Actor | null): Promise<void> {
  authorize(actor, useOwnAccount, undefined);
  const pendingSecret = ctx.keyring.seal(newTotpSecret());
  await ctx.db
    .insert(twoFactor)
    .values({ accountId: actor.id, pendingSecret })
    .onConflictDoUpdate({ target: twoFactor.accountId, set: { pendingSecret, updatedAt: ctx.clock.now() } });
}

async function replaceRecoveryCodes(tx: Tx, accountId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ accountId, codeHash: sha256(normaliseRecoveryCode(c)) })));
  return codes;
}

/** The mail telling the owner what changed, per change. */
const ownerMails = {
  on: { subject: 'mail.twoFactor.on.subject', body: 'mail.twoFactor.on.body' },
  replaced: { subject: 'mail.twoFactor.replaced.subject', body: 'mail.twoFactor.replaced.body' },
  off: { subject: 'mail.twoFactor.off.subject', body: 'mail.twoFactor.off.body' },
  recoveryUsed: { subject: 'mail.twoFactor.recoveryUsed.subject', body: 'mail.twoFactor.recoveryUsed.body' },
} satisfies Record<string, { subject: MessageKey; body: MessageKey }>;

async function mailOwner(
  ctx: AppContext,
  tx: Tx,
  accountId: number,
  kind: string,
  key: keyof typeof ownerMails,
  params: Record<string, string | number> = {},
) {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
  if (!row) return;
  const locale: Locale = isLocale(row.preferredLanguage) ? row.preferredLanguage : 'en';
  const t = translator(locale);
  const link = `${ctx.config.baseUrl}${accountPaths.twoFactor()}`;
  await queueMail(tx, {
    kind,
    to: row.email,
    subject: t(ownerMails[key].subject),
    text: t(ownerMails[key].body, { name: row.givenName, link, reset: `${ctx.config.baseUrl}${accountPaths.forgot()}`, ...params }),
  });
}

const confirmSchema = z.object({
  code: codeField,
  password: z.string({ message: 'error.required' }).min(1, { message: 'error.required' }).max(200, { message: 'error.tooLong' }),
});

/**
 * Confirms an enrolment with the password and a code from the new app: the new secret becomes the
 * active one, ten new recovery codes replace any earlier ones (returned, to be shown once), and other
 * sessions end — they were opened without the second factor. The owner is mailed.
 */
export async function confirmEnrolment(
  ctx: AppContext,
  actor: Actor | null,
  input: { code?: unknown; password?: unknown },
  client: string,
  sessionToken: string | undefined,
): Promise<string[]> {
  authorize(actor, useOwnAccount, undefined);
  const data = parseInput(confirmSchema, input);
  await checkOwnPassword(ctx, actor, data.password, client);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(twoFactor).where(eq(twoFactor.accountId, actor.id)).for('update');
    if (!row?.pendingSecret) throw new DomainError('no-enrolment', 409, 'error.noEnrolment');
    const secret = ctx.keyring.open(row.pendingSecret).toString('utf8');
    const step = matchTotp(base32Decode(secret)!, data.code, now);
    if (step === null) throw new DomainError('invalid-code', 422, 'error.badCode', {}, [{ field: 'code', message: 'error.badCode' }]);
    const replaced = Boolean(row.secret);
    await tx
      .update(twoFactor)
      .set({ secret: row.pendingSecret, pendingSecret: null, enabledAt: now, lastStep: step, updatedAt: now })
      .where(eq(twoFactor.accountId, actor.id));
    const codes = await replaceRecoveryCodes(tx, actor.id);
    const keep = sessionToken ? sha256(sessionToken) : '';
    await tx.delete(sessions).where(and(eq(sessions.accountId, actor.id), ne(sessions.idHash, keep)));
    await tx.delete(pendingLogins).where(eq(pendingLogins.accountId, actor.id));
    await mailOwner(ctx, tx, actor.id, 'two-factor', replaced ? 'replaced' : 'on');
    await tx.insert(auditEvents).values({
      actorId: actor.id,
      action: replaced ? 'two-factor.replace' : 'two-factor.enable',
      subject: `account:${actor.id}`,
      at: now,
    });
    return codes;
  });
}

/**
 * Checks a second factor of an account: a code from the app (accepted only if its time step is later
 * than the last one accepted, so it cannot be replayed) or an unused recovery code (used up). Both
 * checks are single conditional UPDATEs, so two requests with one code cannot both pass.
 */
async function useSecondFactor(ctx: AppContext, accountId: number, typed: string): Promise<'app' | 'recovery' | null> {
  const [row] = await ctx.db.select().from(twoFactor).where(eq(twoFactor.accountId, accountId));
  if (!row?.secret) return null;
  if (/^\d{6}$/.test(typed.replace(/\s/g, ''))) {
    const step = matchTotp(base32Decode(ctx.keyring.open(row.secret).toString('utf8'))!, typed, ctx.clock.now());
    if (step === null) return null;
    const [taken] = await ctx.db
      .update(twoFactor)
      .set({ lastStep: step })
      .where(and(eq(twoFactor.accountId, accountId), or(isNull(twoFactor.lastStep), lt(twoFactor.lastStep, step))))
      .returning({ id: twoFactor.accountId });
    return taken ? 'app' : null;
  }
  const [used] = await ctx.db
    .update(recoveryCodes)
    .set({ usedAt: ctx.clock.now() })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.codeHash, sha256(normaliseRecoveryCode(typed))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used ? 'recovery' : null;
}

/** A second factor checked against the login limit (like a password): throws on a wrong one. */
async function checkSecondFactor(
  ctx: AppContext,
  accountId: number,
  email: string,
  typed: string,
  client: string,
): Promise<'app' | 'recovery'> {
  const attempt = await takeLoginAttempt(ctx, email.toLowerCase(), client);
  const used = await useSecondFactor(ctx, accountId, typed);
  await settleLoginAttempt(ctx, attempt, used !== null);
  if (!used) throw wrongCode();
  return used;
}

async function recoveryCodesLeft(tx: Tx, accountId: number): Promise<number> {
  const [left] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return Number(left?.n ?? 0);
}

const disableSchema = confirmSchema;

/** Turns two-factor off: needs the password and a code (or a recovery code). Not for the secretariat. */
export async function disableTwoFactor(
  ctx: AppContext,
  actor: Actor | null,
  input: { code?: unknown; password?: unknown },
  client: string,
): Promise<void> {
  authorize(actor, useOwnAccount, undefined);
  if (!may(actor, turnOffTwoFactor, undefined)) throw new DomainError('two-factor-required', 403, 'error.twoFactorRequired');
  const data = parseInput(disableSchema, input);
  if (!(await isTwoFactorEnabled(ctx, actor.id))) throw new DomainError('no-two-factor', 409, 'error.noTwoFactor');
  await checkOwnPassword(ctx, actor, data.password, client);
  await checkSecondFactor(ctx, actor.id, actor.email, data.code, client);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(twoFactor).where(eq(twoFactor.accountId, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, actor.id));
    await mailOwner(ctx, tx, actor.id, 'two-factor', 'off');
    await tx.insert(auditEvents).values({ actorId: actor.id, action: 'two-factor.disable', subject: `account:${actor.id}`, at: now });
  });
}

/** Ten new recovery codes (the earlier ones stop working); needs the password. */
export async function regenerateRecoveryCodes(
  ctx: AppContext,
  actor: Actor | null,
  input: { password?: unknown },
  client: string,
): Promise<string[]> {
  authorize(actor, useOwnAccount, undefined);
  const data = parseInput(confirmSchema.pick({ password: true }), input);
  if (!(await isTwoFactorEnabled(ctx, actor.id))) throw new DomainError('no-two-factor', 409, 'error.noTwoFactor');
  await checkOwnPassword(ctx, actor, data.password, client);
  return ctx.db.transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, actor.id);
    await tx
      .insert(auditEvents)
      .values({ actorId: actor.id, action: 'two-factor.recovery-codes', subject: `account:${actor.id}`, at: ctx.clock.now() });
    return codes;
  });
}

/** What a correct password leads to: a session, or — with two-factor on — a login waiting for its code. */
type LoginStep = { session: string } | { pending: string };

/**
 * The password step of a login. With two-factor on, the answer is a short-lived pending login bound
 * to a cookie (only its hash is stored), which remembers where to go next.
 */
export async function logIn(ctx: AppContext, input: { email: string; password: string }, client: string, next: string): Promise<LoginStep> {
  const actor = await authenticate(ctx, input, client);
  if (!(await isTwoFactorEnabled(ctx, actor.id))) return { session: await startSession(ctx, actor.id) };
  const token = randomToken();
  const now = ctx.clock.now();
  await ctx.db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, now));
  await ctx.db
    .insert(pendingLogins)
    .values({ idHash: sha256(token), accountId: actor.id, next, expiresAt: new Date(now.getTime() + PENDING_LOGIN.minutes * 60_000) });
  return { pending: token };
}

/** Whether a pending login's cookie is still good (for showing the code form). */
export async function pendingLoginValid(ctx: AppContext, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const [row] = await ctx.db
    .select({ id: pendingLogins.accountId })
    .from(pendingLogins)
    .where(and(eq(pendingLogins.idHash, sha256(token)), gt(pendingLogins.expiresAt, ctx.clock.now())));
  return Boolean(row);
}

/**
 * The second step: the code (or a recovery code) for a pending login. Each code counts against the
 * login limit like a password, and a pending login allows PENDING_LOGIN.attempts codes; then it is
 * gone and the person logs in again. Returns the new session and where to go.
 */
export async function completeLogin(
  ctx: AppContext,
  token: string | undefined,
  input: { code?: unknown },
  client: string,
): Promise<{ session: string; next: string; recoveryCodesLeft: number | null }> {
  if (!token) throw new LoginExpiredError();
  const idHash = sha256(token);
  const now = ctx.clock.now();
  const [pending] = await ctx.db
    .select({ accountId: pendingLogins.accountId, email: accounts.email })
    .from(pendingLogins)
    .innerJoin(accounts, eq(accounts.id, pendingLogins.accountId))
    .where(and(eq(pendingLogins.idHash, idHash), gt(pendingLogins.expiresAt, now)));
  if (!pending) throw new LoginExpiredError();
  const { code } = parseInput(z.object({ code: codeField }), input);
  const [counted] = await ctx.db
    .update(pendingLogins)
    .set({ attempts: sql`${pendingLogins.attempts} + 1` })
    .where(and(eq(pendingLogins.idHash, idHash), lt(pendingLogins.attempts, PENDING_LOGIN.attempts)))
    .returning({ attempts: pendingLogins.attempts });
  if (!counted) {
    await ctx.db.delete(pendingLogins).where(eq(pendingLogins.idHash, idHash));
    throw new LoginExpiredError();
  }
  const used = await checkSecondFactor(ctx, pending.accountId, pending.email, code, client);
  return ctx.db.transaction(async (tx) => {
    // Consumed once: of two requests with good codes for one pending login, one gets the session.
    const [done] = await tx.delete(pendingLogins).where(eq(pendingLogins.idHash, idHash)).returning({ next: pendingLogins.next });
    if (!done) throw new LoginExpiredError();
    const session = await startSession(ctx, pending.accountId, tx);
    let left: number | null = null;
    if (used === 'recovery') {
      left = await recoveryCodesLeft(tx, pending.accountId);
      await mailOwner(ctx, tx, pending.accountId, 'two-factor', 'recoveryUsed', { count: left });
    }
    return { session, next: done.next, recoveryCodesLeft: left };
  });
}

/** Re-seals the TOTP secrets under the current data key (`convene rotate-data-key`). */
export async function resealTwoFactorSecrets(ctx: AppContext): Promise<number> {
  const rows = await ctx.db.select().from(twoFactor);
  let resealed = 0;
  for (const r of rows) {
    const secret = r.secret && !ctx.keyring.isCurrent(r.secret) ? ctx.keyring.seal(ctx.keyring.open(r.secret)) : r.secret;
    const pendingSecret =
      r.pendingSecret && !ctx.keyring.isCurrent(r.pendingSecret) ? ctx.keyring.seal(ctx.keyring.open(r.pendingSecret)) : r.pendingSecret;
    if (secret === r.secret && pendingSecret === r.pendingSecret) continue;
    await ctx.db.update(twoFactor).set({ secret, pendingSecret }).where(eq(twoFactor.accountId, r.accountId));
    resealed += 1;
  }
  return resealed;
}

/** What the person's export says of two-factor: whether it is on and the recovery codes' use, never the secret. */
export async function twoFactorForExport(ctx: AppContext, accountId: number) {
  const [row] = await ctx.db
    .select({ enabledAt: twoFactor.enabledAt, secret: twoFactor.secret })
    .from(twoFactor)
    .where(eq(twoFactor.accountId, accountId));
  const codes = await ctx.db
    .select({ createdAt: recoveryCodes.createdAt, usedAt: recoveryCodes.usedAt })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.accountId, accountId));
  return { enabled: Boolean(row?.secret), enabledAt: row?.secret ? row.enabledAt : null, recoveryCodes: codes };
}

/** Expired pending logins and sign-ups (the hourly purge). */
export async function purgeExpiredAccountRequests(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, now));
  await ctx.db.delete(signupRequests).where(lt(signupRequests.expiresAt, now));
}
