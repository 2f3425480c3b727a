/**
 * Columns whose names look like they hold a file of the store but do not: each with what it holds.
 * A new column named like a file hash must either be declared in `fileReferences`
 * (src/platform/files/references.ts), so the sweep and refused uploads respect it, or be listed here.
 */
export const notFileColumns = new Map<string, string>([
  ['accounts.password_hash', 'argon2 hash of the password'],
  ['sessions.id_hash', 'sha-256 of the session cookie'],
  ['api_tokens.token_hash', 'sha-256 of an API token'],
  ['account_tokens.token_hash', 'sha-256 of a link secret (reset, verification)'],
  ['list_subscriptions.confirm_token_hash', 'sha-256 of the confirmation link secret'],
  ['list_subscriptions.unsubscribe_token_hash', 'sha-256 of the unsubscribe link secret'],
  ['request_keys.request_hash', 'sha-256 of a repeatable request (registration, submission)'],
  ['pending_logins.id_hash', 'sha-256 of the cookie of a login waiting for its second factor'],
  ['signup_requests.password_hash', 'argon2 hash of the password of a sign-up waiting for its link'],
  ['signup_requests.token_hash', 'sha-256 of the sign-up link secret'],
  ['recovery_codes.code_hash', 'hash of a two-factor recovery code'],
  ['document_revisions.file_size', 'a size'],
  ['inbound_submissions.file_size', 'a size'],
  ['visa_requests.letter_pdf', 'the visa letter itself, sealed in the row (not in the store)'],
]);

/** Names that suggest a stored file: a hash, a sha-256, file(s), attachment(s), a PDF. */
export function looksLikeFileColumn(qualified: string): boolean {
  const column = qualified.slice(qualified.indexOf('.') + 1);
  return /hash|sha256|(^|_)files?($|_)|attachments?|pdf/.test(column) && !/(^|_)filename$/.test(column);
}
