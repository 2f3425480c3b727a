/**
 * The English messages of the accounts module, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'error.passwordShort': 'Use at least 10 characters for your password.',
  'error.emailTaken': 'An account with this e-mail address already exists. Log in, or reset your password.',
  'error.badCredentials': 'The e-mail address or password is not correct.',
  'error.tooManyAttempts': 'Too many failed attempts. Please wait {minutes, plural, one {# minute} other {# minutes}} and try again.',
  'error.tokenInvalid': 'This link is invalid or has expired. Please ask for a new one.',
  'error.chooseCategory':
    'Choose the membership category you take part in: it decides, among others, whether visa support can be requested.',
  'account.email': 'E-mail address',
  'account.password': 'Password',
  'account.password.hint': 'At least 10 characters.',
  'account.title': 'My account',
  'account.profile': 'Profile',
  'account.language': 'Language',
  'account.language.hint': 'The language of the mails we send you. Choosing a language in the menu at the top changes it too.',
  'profile.title': 'Title',
  'profile.title.none': '(none)',
  'profile.title.Mr': 'Mr',
  'profile.title.Ms': 'Ms',
  'profile.title.Mx': 'Mx',
  'profile.title.Dr': 'Dr',
  'profile.title.Prof': 'Prof.',
  'profile.givenName': 'Given name',
  'profile.familyName': 'Family name',
  'profile.organization': 'Organization',
  'profile.country': 'Country',
  'profile.country.none': '(not given)',
  'profile.category': 'Membership category',
  'profile.category.hint': 'Participation is free and open to all. Visa support can only be requested for ITU members.',
  'profile.category.choose': 'Choose…',
  'category.member-state': 'ITU Member State administration',
  'category.sector-member': 'Sector Member',
  'category.associate': 'Associate',
  'category.academia': 'Academia',
  'category.non-member': 'Non-member (individual expert or organization)',

  'signup.title': 'Create an account',
  'signup.intro': 'Anyone may take part: an account lets you register for meetings and submit contributions.',
  'signup.submit': 'Create account',
  'signup.haveAccount': 'Already have an account?',
  'login.title': 'Log in',
  'login.submit': 'Log in',
  'login.forgot': 'Forgot your password?',
  'forgot.title': 'Reset your password',
  'forgot.intro': 'Enter the e-mail address of your account and we will send you a link to choose a new password.',
  'forgot.submit': 'Send the link',
  'forgot.sent': 'If an account uses this address, we have sent it a link. The link is valid for one hour.',
  'reset.title': 'Choose a new password',
  'reset.newPassword': 'New password',
  'reset.submit': 'Change password',
  'verify.title': 'E-mail address confirmed',
  'verify.continue': 'Continue',

  'tokens.title': 'Personal API tokens',
  'tokens.intro': 'A token lets a script use the API as you, with the header "Authorization: Bearer <token>".',
  'tokens.created': 'Here is your new token. Copy it now: it will not be shown again.',
  'tokens.name': 'Token name',
  'tokens.createdAt': 'Created',
  'tokens.lastUsed': 'Last used',
  'tokens.revoke': 'Revoke',
  'tokens.create': 'Create a token',

  'mail.verify.subject': 'Confirm your e-mail address',
  'mail.verify.body':
    'Hello {name},\n\nPlease confirm your e-mail address by opening this link:\n{link}\n\nThe link is valid for {hours, plural, one {# hour} other {# hours}}. If you did not create an account, you can ignore this message.',
  'mail.reset.subject': 'Reset your password',
  'mail.reset.body':
    'Hello {name},\n\nTo choose a new password, open this link:\n{link}\n\nThe link is valid for {hours, plural, one {# hour} other {# hours}}. If you did not ask for this, you can ignore this message.',

  'error.badPassword': 'The password is not correct.',
  'privacy.title': 'Your data',
  'privacy.export': 'Download all my data (JSON)',
  'privacy.delete': 'Delete my account',
  'privacy.deleteExplain':
    'This deletes your account, your registrations and visa requests at once; in-person places you hold go to the waiting list. It cannot be undone.',
  'privacy.deleteConfirm': 'Delete your account and all your data? This cannot be undone.',
  'privacy.passwordToDelete': 'Your password, to confirm',
  // issue 10: accounts
  'error.tooManyRequests':
    'Too many requests from your network. Please wait {minutes, plural, one {# minute} other {# minutes}} and try again.',
  'error.alreadyRegistered': 'An account with this e-mail address already exists: log in, or reset your password if you have forgotten it.',
  'error.passwordMismatch': 'The two new passwords are not the same.',
  'error.loginExpired': 'This login has expired. Please log in again.',
  'error.badCode': 'This code is not correct, or it has already been used. Enter the code your app shows now, or an unused recovery code.',
  'error.noEnrolment': 'There is no new app to confirm: start the set-up first.',
  'error.twoFactorRequired': 'Secretariat accounts keep two-factor authentication once it is on. You can move it to a new app instead.',
  'error.noTwoFactor': 'Two-factor authentication is not on for this account.',
  'notice.passwordChangedHere': 'Your password has been changed. You have been signed out everywhere else.',
  'signup.sentTitle': 'Check your mail',
  'signup.sent':
    'We have sent a mail to the address you gave. Open the link in it to confirm your address and create your account; the link is valid for 48 hours. If you already have an account, the mail tells you how to log in.',
  'signup.readyTitle': 'Your account is ready',
  'signup.ready': 'Thank you: your e-mail address is confirmed and your account has been created. Log in with your address and password.',
  'reset.doneTitle': 'Your password has been changed',
  'reset.done': 'You have been signed out everywhere, and older reset links no longer work. Log in with your new password.',
  'password.title': 'Change your password',
  'password.intro': 'You stay signed in here; your other sessions, any reset links not yet used and your personal API tokens end.',
  'password.current': 'Current password',
  'password.again': 'New password, again',
  'password.tokensRevoked':
    '{count, plural, one {Your # personal API token was revoked: create a new one on your account page.} other {Your # personal API tokens were revoked: create new ones on your account page.}}',
  'twoFactor.title': 'Two-factor authentication',
  'twoFactor.statusOn': 'Two-factor authentication is on: logging in needs a code from your authenticator app.',
  'twoFactor.statusOff': 'Two-factor authentication is off.',
  'twoFactor.secretariatAdvice': 'Secretariat accounts should turn it on: they can see passport data.',
  'twoFactor.manage': 'Manage two-factor authentication',
  'twoFactor.setUp': 'Set up two-factor authentication',
  'twoFactor.intro':
    'With two-factor authentication, logging in needs your password and a 6-digit code from an authenticator app on your phone (any app for time-based codes). Recovery codes let you in if you lose the phone.',
  'twoFactor.loginTitle': 'Enter your code',
  'twoFactor.loginIntro':
    'Your account uses two-factor authentication. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.',
  'twoFactor.code': 'Code',
  'twoFactor.codeHint': '6 digits from your app, or a recovery code such as abcd-efgh-jkmn-pqrs.',
  'twoFactor.verify': 'Continue',
  'twoFactor.startAgain': 'Log in again',
  'twoFactor.codesTitle': 'Recovery codes',
  'twoFactor.codesIntro':
    'Keep these codes somewhere safe (printed, or in a password manager). Each one lets you log in once without your app. They will not be shown again.',
  'twoFactor.onSince': 'Two-factor authentication is on since {date}. Recovery codes left: {count}.',
  'twoFactor.secretariatRule':
    'For secretariat accounts two-factor authentication cannot be turned off once it is on; it can be moved to a new app.',
  'twoFactor.replaceTitle': 'Move to a new app',
  'twoFactor.enrolTitle': 'Set up your authenticator app',
  'twoFactor.scan': 'In your authenticator app, add an account and scan this QR code.',
  'twoFactor.qrAlt': 'QR code for your authenticator app (the key is also written below)',
  'twoFactor.typeKey': 'Or type this key:',
  'twoFactor.keyDetails': 'Account: {account}. Time-based, 6 digits, every 30 seconds.',
  'twoFactor.confirmStep': 'Then enter the code the app shows, with your password, to confirm. Your other sessions will be signed out.',
  'twoFactor.appCode': 'Code from the app',
  'twoFactor.confirmReplace': 'Use the new app',
  'twoFactor.turnOn': 'Turn on',
  'twoFactor.replace': 'Move to a new app',
  'twoFactor.newCodesIntro': 'Lost your codes or used most of them? New codes replace all earlier ones.',
  'twoFactor.newCodes': 'Make new recovery codes',
  'twoFactor.disableTitle': 'Turn off two-factor authentication',
  'twoFactor.disable': 'Turn off',
  'mail.signup.body':
    'Hello {name},\n\nTo confirm your e-mail address and create your convene account, open this link:\n{link}\n\nThe link is valid for {hours, plural, one {# hour} other {# hours}}. If you did not sign up, ignore this mail: no account is created.',
  'mail.signupExisting.subject': 'Someone tried to sign up with your address',
  'mail.signupExisting.body':
    'Dear {name},\n\nSomeone, probably you, tried to create a convene account with this e-mail address. You already have an account, so nothing was created.\n\nLog in: {login}\nForgot your password? Reset it: {reset}\n\nIf it was not you, you can ignore this mail.',
  'mail.passwordChanged.subject': 'Your convene password was changed',
  'mail.passwordChanged.body':
    'Dear {name},\n\nThe password of your convene account was changed on {at}. Every other session has been signed out, and older password-reset links no longer work.\n\nIf you did not change it, reset your password at once: {reset}',
  'mail.passwordChanged.tokens':
    '{count, plural, one {Your # personal API token was revoked: a script using it needs a new one, created on your account page:} other {Your # personal API tokens were revoked: scripts using them need new ones, created on your account page:}}',
  'mail.twoFactor.on.subject': 'Two-factor authentication is on',
  'mail.twoFactor.on.body':
    'Dear {name},\n\nTwo-factor authentication has been turned on for your convene account: logging in now needs a code from your authenticator app. Your other sessions were signed out.\n\n{link}\n\nIf you did not do this, reset your password at once: {reset}',
  'mail.twoFactor.replaced.subject': 'Two-factor authentication moved to a new app',
  'mail.twoFactor.replaced.body':
    'Dear {name},\n\nYour convene account now takes codes from a new authenticator app; the old app’s codes and your earlier recovery codes no longer work. Your other sessions were signed out.\n\n{link}\n\nIf you did not do this, reset your password at once: {reset}',
  'mail.twoFactor.off.subject': 'Two-factor authentication is off',
  'mail.twoFactor.off.body':
    'Dear {name},\n\nTwo-factor authentication has been turned off for your convene account: logging in needs only your password again.\n\n{link}\n\nIf you did not do this, reset your password at once: {reset}',
  'mail.twoFactor.recoveryUsed.subject': 'A recovery code was used to log in',
  'mail.twoFactor.recoveryUsed.body':
    'Dear {name},\n\nA recovery code was just used to log in to your convene account. Recovery codes left: {count}. You can make new ones here:\n{link}\n\nIf it was not you, reset your password at once: {reset}',
  'nav.account': 'My account',
  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'home.intro':
    'The meetings of standards groups, from the invitation to the report: registration in person or remotely, visa support, contributions, agendas and circulars, in six languages.',
  'home.figures': 'Waiting for you',
  'privacyNotice.title': 'Privacy notice',
  'privacyNotice.read': 'Read the privacy notice',
  'privacyNotice.intro':
    'convene keeps what the secretariat needs to organise meetings. This notice says what it keeps about you, who sees it, how long it is kept, and how to have it deleted.',
  'privacyNotice.what': 'What is kept',
  'privacyNotice.who': 'Who sees it',
  'privacyNotice.howLong': 'How long',
  'privacyNotice.account.heading': 'Your account',
  'privacyNotice.account.what':
    'Your e-mail address, title, name, organization, country and membership category; your password, only as a one-way hash; the secret of your two-factor authentication, if you turn it on, encrypted; your API tokens and your sessions.',
  'privacyNotice.account.who':
    'You, on your account page, and the secretariat. Others see your name and organization only where a page shows them, such as a participant list.',
  'privacyNotice.account.howLong':
    'Until you delete your account. A sign-up never confirmed is deleted when its link expires, and the records of login attempts after a day.',
  'privacyNotice.rights.heading': 'Seeing and deleting your data',
  'privacyNotice.rights.export': 'On your account page you can download everything convene holds about you, in one file (JSON).',
  'privacyNotice.rights.delete':
    'You can also delete your account there, with your password: your registrations, visa requests and mailing-list subscriptions, and the mails waiting to be sent to you, are deleted with it, and the in-person places you held go to the waiting list. The log of actions keeps what was done, without your name.',
  'privacyNotice.rights.noAccess':
    'If you can no longer sign in, reset your password; if that is not possible, ask the secretariat of your meeting to delete your account.',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../../../platform/i18n/index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
