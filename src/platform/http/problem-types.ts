import type { MessageKey, Translate } from '../i18n/index.ts';

/** One kind of problem the API answers: the statuses it comes with and the message its `title` says. */
interface ProblemType {
  statuses: readonly number[];
  title: MessageKey;
}

/**
 * Every `code` (the last segment of `type`) an API error can carry, so each `type` URI names a page that
 * explains it (GET /problems/:code). A new DomainError type belongs here too: test/openapi-truth.test.ts
 * finds the types thrown in src and fails on one missing.
 */
export const problemTypes = {
  // The request as such: the address, the body, its size and media type (the framework or the input rule).
  'bad-request': { statuses: [400, 414], title: 'error.badRequest' },
  'invalid-parameter': { statuses: [400], title: 'error.badAddress' },
  'malformed-body': { statuses: [400], title: 'error.malformedBody' },
  'too-large': { statuses: [413], title: 'error.tooLarge' },
  'file-too-large': { statuses: [413], title: 'error.fileTooLarge' },
  'unsupported-media-type': { statuses: [415], title: 'error.badRequest' },
  'invalid-field': { statuses: [422], title: 'error.validation' },
  'idempotency-key-reused': { statuses: [422], title: 'error.idempotencyKeyReused' },
  'idempotency-in-progress': { statuses: [409], title: 'error.tryAgain' },
  // Who asks.
  unauthenticated: { statuses: [401], title: 'error.unauthenticated' },
  forbidden: { statuses: [403], title: 'error.forbidden' },
  csrf: { statuses: [403], title: 'error.csrf' },
  'not-found': { statuses: [404], title: 'error.notFound' },
  // Accounts.
  'invalid-token': { statuses: [400, 404], title: 'error.tokenInvalid' },
  'invalid-credentials': { statuses: [401], title: 'error.badCredentials' },
  'invalid-code': { statuses: [401, 422], title: 'error.badCode' },
  'login-expired': { statuses: [400], title: 'error.loginExpired' },
  'invalid-language': { statuses: [400], title: 'error.choice' },
  'already-registered': { statuses: [409], title: 'error.alreadyRegistered' },
  'no-enrolment': { statuses: [409], title: 'error.noEnrolment' },
  'no-two-factor': { statuses: [409], title: 'error.noTwoFactor' },
  'two-factor-required': { statuses: [403], title: 'error.twoFactorRequired' },
  'rate-limited': { statuses: [429], title: 'error.tooManyAttempts' },
  'too-many-requests': { statuses: [429], title: 'error.tooManyRequests' },
  // Groups.
  'duplicate-group': { statuses: [409], title: 'error.groupCodeTaken' },
  'duplicate-bureau': { statuses: [409], title: 'error.groupCodeTaken' },
  'duplicate-subgroup': { statuses: [409], title: 'error.subgroupTaken' },
  'subgroup-in-use': { statuses: [409], title: 'error.subgroupInUse' },
  'unknown-account': { statuses: [409], title: 'error.unknownAccount' },
  // Registrations and visas.
  'registration-closed': { statuses: [409], title: 'error.registrationClosed' },
  'duplicate-registration': { statuses: [409], title: 'error.duplicateRegistration' },
  'registration-cancelled': { statuses: [409], title: 'error.registrationCancelled' },
  'registration-changed': { statuses: [409], title: 'error.registrationChanged' },
  'registration-declined': { statuses: [409], title: 'error.registrationDeclined' },
  'registration-not-pending': { statuses: [409], title: 'error.registrationNotPending' },
  'quota-reached': { statuses: [409], title: 'error.quotaReached' },
  'visa-not-eligible': { statuses: [422], title: 'error.visaNotEligible' },
  'visa-closed': { statuses: [409], title: 'error.visaClosed' },
  'visa-already-requested': { statuses: [409], title: 'error.visaAlreadyRequested' },
  'visa-decided': { statuses: [409], title: 'error.visaDecided' },
  'visa-purged': { statuses: [409], title: 'error.visaPurged' },
  'visa-letter-withdrawn': { statuses: [410], title: 'error.visaLetterWithdrawn' },
  'organization-exists': { statuses: [409], title: 'organization.error.exists' },
  // Documents, agendas, circulars, lists.
  'contribution-deadline-passed': { statuses: [409], title: 'error.contributionDeadlinePassed' },
  'no-next-meeting': { statuses: [409], title: 'error.noNextMeeting' },
  'document-withdrawn': { statuses: [409], title: 'error.documentWithdrawn' },
  'reservation-filled': { statuses: [409], title: 'error.reservationFilled' },
  'document-reserved': { statuses: [409], title: 'error.documentReserved' },
  'inbound-decided': { statuses: [409], title: 'inbound.error.decided' },
  'agenda-no-draft': { statuses: [409], title: 'agenda.error.noDraft' },
  'agenda-empty': { statuses: [409], title: 'agenda.error.empty' },
  'no-bureau': { statuses: [409], title: 'circular.error.noBureau' },
  'circular-unchanged': { statuses: [409], title: 'circular.error.unchanged' },
  'circular-conflict': { statuses: [409], title: 'circular.error.conflict' },
  'liaison-document-taken': { statuses: [409], title: 'error.liaison.documentTaken' },
  'report-conflict': { statuses: [409], title: 'report.error.conflict' },
  'link-expired': { statuses: [410], title: 'error.listLinkExpired' },
  // Faults and passing conditions.
  internal: { statuses: [500], title: 'error.internal' },
  'stored-file-missing': { statuses: [500], title: 'error.fileMissing' },
  'database-unavailable': { statuses: [503], title: 'error.databaseUnavailable' },
  'shutting-down': { statuses: [503], title: 'error.shuttingDown' },
  'upload-retry': { statuses: [503], title: 'error.uploadRetry' },
  'pdf-busy': { statuses: [503], title: 'error.pdfBusy' },
  'letter-unavailable': { statuses: [503], title: 'error.letterUnavailable' },
} as const satisfies Record<string, ProblemType>;

type ProblemCode = keyof typeof problemTypes;
export const problemCodes = Object.keys(problemTypes).sort() as [ProblemCode, ...ProblemCode[]];
export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(problemTypes, code);

/** The statuses a page has advice for (every status some problem type is answered with). */
const adviceKeys: Record<number, MessageKey> = {
  400: 'problem.advice.400',
  401: 'problem.advice.401',
  403: 'problem.advice.403',
  404: 'problem.advice.404',
  409: 'problem.advice.409',
  410: 'problem.advice.410',
  413: 'problem.advice.413',
  414: 'problem.advice.414',
  415: 'problem.advice.415',
  422: 'problem.advice.422',
  429: 'problem.advice.429',
  500: 'problem.advice.500',
  503: 'problem.advice.503',
};

export const problemTypeUri = (baseUrl: string, code: string) => `${baseUrl}/problems/${code}`;

/** A type's message as a reader sees it in `title`, its placeholders (minutes, a number…) shown as "…". */
export const problemTitle = (t: Translate, code: ProblemCode) => t(problemTypes[code].title).replace(/\{\w+\}/g, '…');

/** What a type's page says, also as plain text. */
export interface ProblemTypeView {
  code: ProblemCode;
  uri: string;
  statuses: readonly number[];
  title: string;
  advice: { status: number; text: string }[];
}

export function problemTypeView(t: Translate, baseUrl: string, code: ProblemCode): ProblemTypeView {
  const { statuses } = problemTypes[code];
  return {
    code,
    uri: problemTypeUri(baseUrl, code),
    statuses,
    title: problemTitle(t, code),
    advice: statuses.map((status) => ({ status, text: t(adviceKeys[status]!) })),
  };
}
