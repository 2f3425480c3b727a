import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  timeStep,
  totpAt,
} from './totp.ts';

// RFC 6238, appendix B: the seeds are "12345678901234567890" repeated to the hash's key length.
const seed = (length: number) => Buffer.from('1234567890'.repeat(7).slice(0, length), 'ascii');
const vectors: [number, string, string, 'sha1' | 'sha256' | 'sha512'][] = [
  [59, '1970-01-01T00:00:59Z', '94287082', 'sha1'],
  [59, '1970-01-01T00:00:59Z', '46119246', 'sha256'],
  [59, '1970-01-01T00:00:59Z', '90693936', 'sha512'],
  [1111111109, '2005-03-18T01:58:29Z', '07081804', 'sha1'],
  [1111111109, '2005-03-18T01:58:29Z', '68084774', 'sha256'],
  [1111111109, '2005-03-18T01:58:29Z', '25091201', 'sha512'],
  [1111111111, '2005-03-18T01:58:31Z', '14050471', 'sha1'],
  [1111111111, '2005-03-18T01:58:31Z', '67062674', 'sha256'],
  [1234567890, '2009-02-13T23:31:30Z', '89005924', 'sha1'],
  [1234567890, '2009-02-13T23:31:30Z', '91819424', 'sha256'],
  [1234567890, '2009-02-13T23:31:30Z', '93441116', 'sha512'],
  [2000000000, '2033-05-18T03:33:20Z', '69279037', 'sha1'],
  [2000000000, '2033-05-18T03:33:20Z', '90698825', 'sha256'],
  [20000000000, '2603-10-11T11:33:20Z', '65353130', 'sha1'],
  [20000000000, '2603-10-11T11:33:20Z', '77737706', 'sha256'],
  [20000000000, '2603-10-11T11:33:20Z', '47863826', 'sha512'],
];
const keyLength = { sha1: 20, sha256: 32, sha512: 64 };

describe('TOTP (RFC 6238)', () => {
  it.each(vectors)('T=%i (%s) gives %s with %s', (seconds, iso, code, algorithm) => {
    const at = new Date(seconds * 1000);
    expect(at.toISOString().replace('.000', '')).toBe(iso);
    expect(totpAt(seed(keyLength[algorithm]), at, 8, algorithm)).toBe(code);
  });

  // RFC 4226, appendix D: HOTP values of counters 0–9 for the same 20-byte secret.
  it.each(['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'].map((c, i) => [i, c]))(
    'HOTP counter %i gives %s',
    (counter, code) => {
      expect(hotp(seed(20), counter as number)).toBe(code);
    },
  );

  const at = new Date('2023-04-06T08:00:10Z');
  const secret = seed(20);
  const step = timeStep(at);
  it.each([
    ['the current code', hotp(secret, step), step],
    ['the previous step', hotp(secret, step - 1), step - 1],
    ['the next step', hotp(secret, step + 1), step + 1],
    ['typed with a space', `${hotp(secret, step).slice(0, 3)} ${hotp(secret, step).slice(3)}`, step],
    ['two steps old', hotp(secret, step - 2), null],
    ['two steps ahead', hotp(secret, step + 2), null],
    ['five digits', hotp(secret, step).slice(1), null],
    ['letters', 'abcdef', null],
    ['empty', '', null],
  ] as const)('matches %s', (_label, code, expected) => {
    expect(matchTotp(secret, code, at)).toBe(expected);
  });
});

describe('base32', () => {
  // RFC 4648, section 10 (without padding).
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ↔ %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
    expect(base32Decode(`${encoded.toLowerCase()}===`)?.toString()).toBe(plain);
  });
  it('refuses characters outside the alphabet', () => {
    expect(base32Decode('MZ1W')).toBeNull();
  });
  it('makes 160-bit secrets', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)!.length).toBe(20);
  });
});

describe('otpauth address and recovery codes', () => {
  it('names the issuer and the account, and states the parameters', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'amina@example.org', 'convene');
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/convene:amina@example.org');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'convene',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
  it('makes distinct recovery codes in groups of four, compared without hyphens or case', () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(normaliseRecoveryCode(' AB2C-def3 ')).toBe('ab2cdef3');
  });
});
