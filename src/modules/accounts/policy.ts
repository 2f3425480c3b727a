import type { AccountRole } from './vocabulary.ts';

/**
 * The account rules that are policy rather than plumbing, as pure functions (table-tested in
 * policy.test.ts): login limits, throttles on mailed links, two-factor rules.
 */

/** Failed logins (and wrong second factors, and wrong current passwords) counted per address and per client. */
export const LOGIN_LIMIT = { windowMs: 15 * 60_000, perAddress: 5, perClient: 30 } as const;

/** Whether one more password (or code) may be evaluated, given the failures already counted in the window. */
export function mayTryLogin(failures: { byAddress: number; byClient: number }, limit = LOGIN_LIMIT): boolean {
  return failures.byAddress < limit.perAddress && failures.byClient < limit.perClient;
}

/** Mailed-link requests (password reset, sign-up) per address and per client, in fixed one-hour windows. */
export const MAIL_REQUEST_LIMIT = { windowMs: 3_600_000, perAddress: 3, perClient: 20 } as const;

/**
 * What to do with a mailed-link request once it is counted (`hits` include it):
 * - `refuse` — the client sent too many (429, localized; it says nothing about the address);
 * - `quiet`  — the address had enough mails this hour: answer as usual, send nothing;
 * - `send`   — answer as usual and send.
 */
type MailRequestVerdict = 'send' | 'quiet' | 'refuse';
export function mailRequestVerdict(hits: { address: number; client: number }, limit = MAIL_REQUEST_LIMIT): MailRequestVerdict {
  if (hits.client > limit.perClient) return 'refuse';
  if (hits.address > limit.perAddress) return 'quiet';
  return 'send';
}

/** The start of the fixed window an instant falls in. */
export const windowStart = (at: Date, windowMs: number) => new Date(Math.floor(at.getTime() / windowMs) * windowMs);

/** Once enrolled, a secretariat account keeps two-factor authentication: it may replace the app, not turn it off. */
export const mayDisableTwoFactor = (role: AccountRole): boolean => role !== 'secretariat';

/** A login waiting for its second factor lasts this long and allows this many codes. */
export const PENDING_LOGIN = { minutes: 5, attempts: 5 } as const;

export const RECOVERY_CODE_COUNT = 10;
