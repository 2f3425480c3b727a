import { describe, expect, it } from 'vitest';
import { errorForLog, redactMessage, redactSecretPaths, requestForLog } from './redact.ts';

describe('request logs', () => {
  it.each([
    ['/lists/confirm/AbC123-xyz', '/lists/confirm/[secret]'],
    ['/lists/unsubscribe/AbC123-xyz?x=1', '/lists/unsubscribe/[secret]?x=1'],
    ['/calendar/s3cr3t-token.ics', '/calendar/[secret].ics'],
    ['/meetings/1/circular?lang=zh', '/meetings/1/circular?lang=zh'],
    ['/groups/fg-mv/calendar.ics', '/groups/fg-mv/calendar.ics'],
    ['/account/reset?token=abc.def&x=1', '/account/reset?token=[secret]&x=1'],
    ['see https://x.test/lists/unsubscribe/Tok-123 now', 'see https://x.test/lists/unsubscribe/[secret] now'],
    ['<https://x.test/lists/unsubscribe/Tok-123>', '<https://x.test/lists/unsubscribe/[secret]>'],
  ])('%s → %s', (url, expected) => {
    expect(redactSecretPaths(url)).toBe(expected);
  });

  it.each([
    ['/lists/unsubscribe/AbC123-xyz?x=1', '/lists/unsubscribe/[secret]'],
    ['/calendar/s3cr3t-token.ics', '/calendar/[secret].ics'],
    ['/search?q=passport+E12345678', '/search'],
    ['/login?next=%2Faccount&email=kim%40example.org', '/login'],
    ['/account/reset?token=abc.def', '/account/reset'],
    ['/groups/fg-mv', '/groups/fg-mv'],
  ])('a request line names %s as %s: the path, never the query string', (url, expected) => {
    expect(requestForLog({ method: 'GET', url }).url).toBe(expected);
  });
});

describe('error logs', () => {
  it.each([
    [
      'Failed query: insert into "accounts" ("email", "password_hash") values ($1, $2)\nparams: kim@example.org,$argon2id$v=19$m=19456,t=2,p=1$abc$def',
      'Failed query: insert into "accounts" ("email", "password_hash") values ($1, $2)',
    ],
    ['duplicate key value violates unique constraint "accounts_email_unique"', 'duplicate key value violates unique constraint "…"'],
    ['invalid input syntax for type integer: "99999999999999999999"', 'invalid input syntax for type integer: "…"'],
    ['Key (email)=(kim@example.org) already exists.', 'Key (email)=(…) already exists.'],
    [
      'Mail command failed: 550 5.1.1 <kim@example.org>: Recipient address rejected',
      'Mail command failed: 550 5.1.1 <[email]>: Recipient address rejected',
    ],
    ['hash $argon2id$v=19$m=19456$salt$hash leaked', 'hash [hash] leaked'],
  ])('message %j loses its values', (message, expected) => {
    expect(redactMessage(message)).toBe(expected);
  });

  it('keeps type, codes, names of schema objects and stack frames; drops parameters, details, bodies and the stack header', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "accounts_email_unique"'), {
      code: '23505',
      detail: 'Key (email)=(kim@example.org) already exists.',
      constraint: 'accounts_email_unique',
      table: 'accounts',
      where: 'SQL statement "…kim@example.org…"',
    });
    class DrizzleQueryError extends Error {
      query = 'insert into "accounts" ("email") values ($1)';
      params = ['kim@example.org', '$argon2id$v=19$secret'];
    }
    const err = new DrizzleQueryError(
      `Failed query: insert into "accounts" ("email") values ($1)\nparams: kim@example.org,$argon2id$v=19$secret`,
      { cause: pg },
    );
    Object.assign(err, { body: { email: 'kim@example.org' } });
    const logged = errorForLog(err);
    expect(logged).toMatchObject({
      type: 'DrizzleQueryError',
      message: 'Failed query: insert into "accounts" ("email") values ($1)',
      cause: { type: 'Error', code: '23505', constraint: 'accounts_email_unique', table: 'accounts' },
    });
    expect((logged.stack as string[])[0]).toMatch(/^at .*redact\.test\.ts:\d+:\d+/);
    const text = JSON.stringify(logged);
    expect(text).not.toContain('kim@example.org');
    expect(text).not.toContain('argon2');
    expect(text).not.toContain('params');
    expect(text).not.toContain('detail');
  });

  it('summarises what is not an Error', () => {
    expect(errorForLog('kim@example.org went wrong')).toEqual({ type: 'string', message: '[email] went wrong' });
  });
});
