import { path } from '../../platform/http/paths.ts';

/** The accounts module's addresses: its routes register `.pattern`, pages and mails link with them. */
export const accountPaths = {
  home: path('/'),
  signUp: path('/signup'),
  login: path('/login'),
  loginTwoFactor: path('/login/two-factor'),
  logout: path('/logout'),
  verify: path('/account/verify'),
  resendVerification: path('/account/verify/resend'),
  forgot: path('/account/forgot'),
  reset: path('/account/reset'),
  account: path('/account'),
  language: path('/account/language'),
  password: path('/account/password'),
  twoFactor: path('/account/two-factor'),
  twoFactorStart: path('/account/two-factor/start'),
  twoFactorConfirm: path('/account/two-factor/confirm'),
  recoveryCodes: path('/account/two-factor/recovery-codes'),
  twoFactorDisable: path('/account/two-factor/disable'),
  tokens: path('/account/tokens'),
  deleteToken: path('/account/tokens/:id/delete'),
  export: path('/account/export.json'),
  deleteAccount: path('/account/delete'),
  privacy: path('/privacy'),
};
