/**
 * The English messages of the platform, in ICU MessageFormat: the reference every other language of it has exactly
 * the keys and the placeholders of (src/platform/i18n/i18n.test.ts, test/catalogs.test.ts).
 */
export const en = {
  'nav.skip': 'Skip to main content',
  'nav.main': 'Main',
  'nav.language': 'Language',
  'nav.login': 'Log in',
  'nav.logout': 'Log out',
  'nav.signup': 'Create an account',
  'footer.text': 'convene — meetings of standards groups',
  'footer.api': 'API',

  'outcome.next': 'What comes next',
  'confirm.whatHappens': 'What will happen',
  'confirm.change': 'Change',
  'confirm.cancel': 'Cancel',
  'form.errorSummary': 'There is a problem',
  'form.errorOfField': '{field}: {message}',
  'form.requiredNote': 'Fields marked * are required.',
  'form.required': 'required',
  'form.error.date': 'Please enter a real date, for example {example}.',
  'form.save': 'Save',
  'form.create': 'Create',
  'form.actions': 'Actions',
  'form.inLanguage': 'In {language}',
  'notice.saved': 'Your changes have been saved.',
  'notice.created': 'Created.',
  'notice.deleted': 'Deleted.',
  'notice.verified': 'Thank you: your e-mail address is confirmed.',
  'notice.verificationSent': 'We have sent you a new confirmation e-mail.',
  'notice.loggedOut': 'You have logged out.',

  'error.title': 'Error {status}',
  'error.home': 'Go to the home page',
  'error.notFound': 'We could not find this page.',
  'error.unauthenticated': 'Please log in first.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf': 'This form has expired or was sent from another site. Please go back, reload the page and try again.',
  'error.validation': 'Some fields need your attention.',
  'error.badRequest': 'The request could not be understood.',
  'error.tooLarge': 'What you sent is too large.',
  'error.internal': 'Something went wrong on our side. Please try again later.',
  'error.invalid': 'This value is not valid.',
  'error.required': 'Please fill in this field.',
  'error.tooLong': 'This is too long.',
  'error.email': 'Please enter a valid e-mail address, like name@example.org.',
  'error.date': 'Please enter a real date as YYYY-MM-DD.',
  'error.timeZone': 'Please enter an IANA time zone, like Europe/Zurich.',
  'error.country': 'Please choose a country from the list.',
  'error.number': 'Please enter a whole number in the allowed range.',
  'error.choice': 'Please choose one of the options.',
  'error.unknownAccount': 'No account has this e-mail address.',
  'account.unverifiedBanner': 'Please confirm your e-mail address using the link we sent you.',
  'account.resendVerification': 'Send the link again',
  'venue.city': 'City',
  'notice.cancelled': 'Your registration has been cancelled.',
  'error.unknownSession': 'Choose sessions of this meeting.',
  'error.idempotencyKeyReused': 'This Idempotency-Key was already used for a different request.',
  'error.tryAgain': 'The same request is still being processed. Please try again in a moment.',
  'notice.accountDeleted': 'Your account and your data have been deleted.',
  'error.fileTooLarge': 'The file is larger than {mb} MB.',
  'error.tooMany': 'Too many entries.',
  // issue 10: database restarts
  'error.databaseUnavailable': 'The service is briefly unavailable: its database cannot be reached. Please try again in a few seconds.',
  'error.shuttingDown': 'This server is shutting down. Please try again in a few seconds: another one will answer.',
  'notice.loginExpired': 'Your login expired or had too many wrong codes. Please log in again.',
  'notice.twoFactorOff': 'Two-factor authentication is now off.',
  // issue 10: uploads
  'error.uploadRetry': 'The upload could not be completed because the same file was being removed at that moment. Please send it again.',
  'error.pdfBusy': 'Too many documents are being prepared at this moment. Please try again in a few seconds.',
  // issue 10: input
  'error.badAddress': 'The address of this page is not valid: it contains characters that are not allowed.',
  'error.malformedBody': 'What was sent could not be read: it is not valid text.',
  'error.controlCharacters': 'Remove the invisible control characters from this field.',
  'error.invalidText': 'This field contains characters that are not valid text.',
  'error.singleLine': 'This field must be on one line.',
  'error.repeatedParameter': 'Give this parameter only once.',
  'error.fileMissing': 'This file is missing from the file store. The administrators have been told; please try again later.',
  // issue 12: the pages that problem types name (/problems/:code)
  'problem.title': 'Problem type “{code}”',
  'problem.example': 'What the API answers',
  'problem.whatToDo': 'What to do',
  'problem.about': 'About these answers',
  'problem.aboutText':
    'The convene API answers every error with problem details (RFC 9457), JSON sent as application/problem+json: "type" is the address of the page that explains the problem, "code" its short name, which programs match on and which never changes, "title" what happened, in the language of the request, "status" the HTTP status and "instance" the path that was asked for. When fields need correcting, "errors" lists each field with its message.',
  'problem.allTypes': 'All problem types',
  'problem.apiDocs': 'API documentation',
  'problem.indexTitle': 'Problem types of the API',
  'problem.indexIntro': 'Every problem the convene API can answer, by code, with its HTTP status.',
  'problem.advice.400':
    'The request cannot be read as it was sent: correct its address, parameters or body. Sending it again unchanged fails again.',
  'problem.advice.401':
    'Authentication is missing or wrong: send a valid API token in the header "Authorization: Bearer <token>" (tokens are made on your account page) and, where the request asks for a password or a code, the right one.',
  'problem.advice.403':
    'You are known but not allowed to do this; ask the secretariat if you need to. With a browser session instead of a token, a change must also carry the X-CSRF-Token header.',
  'problem.advice.404': 'What the address names does not exist or is not visible to you: check the identifier or code in the path.',
  'problem.advice.409':
    'The request conflicts with the current state of what it changes (a deadline passed, a duplicate, a decision already taken): read the current state, then decide what to send.',
  'problem.advice.410': 'What the link named is gone for good: ask for a new link.',
  'problem.advice.413': 'What you sent is too large: JSON bodies are limited to 1 MB and uploaded files to 50 MB.',
  'problem.advice.414': 'A part of the address is too long: shorten it.',
  'problem.advice.415':
    'The body has a media type this operation does not take: send application/json, or multipart/form-data for uploads.',
  'problem.advice.422': 'Some values are not valid: "errors" names each field and says why. Correct them and send the request again.',
  'problem.advice.429': 'Too many attempts or requests: wait as many minutes as "title" says before trying again.',
  'problem.advice.500': 'A fault on our side, recorded for the administrators: try again later, and tell the secretariat if it goes on.',
  'problem.advice.503':
    'A passing condition: send the same request again shortly, after the number of seconds in the Retry-After header when there is one.',
  'design.title': 'Design system',
  'design.intro':
    'The components every page is made of, left to right and right to left. Colours, spacing and type come from the custom properties in /static/app.css.',
  'design.tokens': 'Colours and icons',
  'design.components': 'Components',
  'pagination.label': 'Pages',
  'pagination.previous': 'Previous',
  'pagination.next': 'Next',
  'pagination.range': '{first, number}–{last, number} of {total, number}',
} as const;

/** Its keys become MessageKeys: a typo in a key fails tsc. */
declare module '../index.ts' {
  interface Messages extends Record<keyof typeof en, string> {}
}
