import { describe, expect, it } from 'vitest';
import { databaseFault, tagDatabaseError } from './faults.ts';

const pgError = (code: string, message = 'server says no') => Object.assign(new Error(message), { code, severity: 'FATAL' });
/** As drizzle wraps a failed statement: the statement and its parameters in the message, the driver's error as cause. */
const drizzleWrapped = (cause: unknown) =>
  Object.assign(new Error('Failed query: select * from accounts where email = $1\nparams: someone@example.org'), { cause });

describe('databaseFault', () => {
  const unavailable: [string, unknown, string | undefined][] = [
    ['admin shutdown (pg_ctl restart -m fast)', pgError('57P01', 'terminating connection due to administrator command'), '57P01'],
    ['crash shutdown (-m immediate)', pgError('57P02'), '57P02'],
    ['starting up', pgError('57P03', 'the database system is starting up'), '57P03'],
    ['too many connections', pgError('53300'), '53300'],
    ['connection failure (class 08)', pgError('08006'), '08006'],
    ['connection does not exist (class 08)', pgError('08003'), '08003'],
    [
      'refused',
      tagDatabaseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
      'ECONNREFUSED',
    ],
    ['reset', tagDatabaseError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), 'ECONNRESET'],
    [
      'refused on every address',
      tagDatabaseError(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })])),
      'ECONNREFUSED',
    ],
    [
      'reset, wrapped by drizzle',
      drizzleWrapped(tagDatabaseError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))),
      'ECONNRESET',
    ],
    ['terminated', new Error('Connection terminated unexpectedly'), undefined],
    ['connect timeout', new Error('Connection terminated due to connection timeout'), undefined],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), undefined],
    ['broken client', new Error('Client has encountered a connection error and is not queryable'), undefined],
    ['wrapped by drizzle', drizzleWrapped(pgError('57P01', 'terminating connection due to administrator command')), '57P01'],
    ['wrapped twice', drizzleWrapped(drizzleWrapped(new Error('Connection terminated unexpectedly'))), undefined],
  ];
  it.each(unavailable)('%s → unavailable', (_name, error, code) => {
    const fault = databaseFault(error);
    expect(fault).toBeDefined();
    expect(fault!.code).toBe(code);
    // Never the statement or its parameters.
    expect(fault!.message).not.toMatch(/select|params|example\.org/i);
  });

  const otherwise: [string, unknown][] = [
    ['unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['undefined table', pgError('42P01')],
    ['serialization failure', pgError('40001')],
    ['query canceled', pgError('57014', 'canceling statement due to statement timeout')],
    ['wrapped constraint error', drizzleWrapped(pgError('23503'))],
    ['a socket error from elsewhere (object storage, an HTTP client)', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      'refused elsewhere, inside an AggregateError',
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:443'), { code: 'ECONNREFUSED' })]),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a domain error code', Object.assign(new Error('x'), { code: 'not-found' })],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ];
  it.each(otherwise)('%s → not a database outage', (_name, error) => {
    expect(databaseFault(error)).toBeUndefined();
  });

  it('stops on a cycle of causes', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(databaseFault(a)).toBeUndefined();
  });
});
