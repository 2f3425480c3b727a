import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring, makeKeyring, parseKey } from './data-key.ts';

describe('data keyring', () => {
  it('seals and opens; the sealed text does not contain the plain text', () => {
    const ring = makeKeyring(randomBytes(32));
    const sealed = ring.seal('{"passportNumber":"E12345678"}');
    expect(sealed).not.toContain('E12345678');
    expect(ring.open(sealed).toString()).toBe('{"passportNumber":"E12345678"}');
    expect(ring.seal('x')).not.toBe(ring.seal('x')); // fresh IV each time
  });

  it('rejects tampering and unknown keys', () => {
    const ring = makeKeyring(randomBytes(32));
    const parts = ring.seal('secret').split('.');
    parts[4] = Buffer.from('SECRET').toString('base64url');
    expect(() => ring.open(parts.join('.'))).toThrow();
    expect(() => makeKeyring(randomBytes(32)).open(ring.seal('secret'))).toThrow(/unreadable/);
  });

  it('reads values sealed under an older key during a rotation', () => {
    const oldKey = randomBytes(32);
    const sealed = makeKeyring(oldKey).seal('old');
    const ring = makeKeyring(randomBytes(32), [oldKey]);
    expect(ring.isCurrent(sealed)).toBe(false);
    expect(ring.open(sealed).toString()).toBe('old');
    expect(ring.isCurrent(ring.seal('new'))).toBe(true);
  });

  it('accepts base64 or hex keys of 32 bytes only', () => {
    expect(parseKey(randomBytes(32).toString('base64')).length).toBe(32);
    expect(parseKey(randomBytes(32).toString('hex')).length).toBe(32);
    expect(() => parseKey('too short')).toThrow(/32 bytes/);
  });

  it('creates an owner-only key file for the embedded default and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-key-'));
    const a = loadKeyring({ dataDir: dir });
    const b = loadKeyring({ dataDir: dir });
    expect(a.currentId).toBe(b.currentId);
    expect(fs.statSync(path.join(dir, 'data.key')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });
});
