import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * AES-256-GCM for personal data at rest (passport details, visa letters). A sealed value reads
 * "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts), so values sealed under an older key stay
 * readable while `convene rotate-data-key` re-seals them under the current one.
 */
export interface DataKeyring {
  currentId: string;
  seal(plain: Buffer | string): string;
  open(sealed: string): Buffer;
  isCurrent(sealed: string): boolean;
}

/** A key's short public id (sealed values name it). */
export const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, /^[0-9a-f]{64}$/i.test(trimmed) ? 'hex' : 'base64');
  if (key.length !== 32) throw new Error('CONVENE_DATA_KEY must be 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`).');
  return key;
}

export function makeKeyring(current: Buffer, older: Buffer[] = []): DataKeyring {
  const keys = new Map<string, Buffer>([[keyId(current), current], ...older.map((k) => [keyId(k), k] as [string, Buffer])]);
  const currentId = keyId(current);
  return {
    currentId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([cipher.update(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, id, iv, tag, body] = sealed.split('.');
      const key = id ? keys.get(id) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || body === undefined)
        throw new Error('Sealed value is unreadable with the configured data keys.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    },
    isCurrent: (sealed) => sealed.split('.')[1] === currentId,
  };
}

/**
 * CONVENE_DATA_KEY (plus CONVENE_DATA_KEYS_OLD during a rotation) or, for the embedded default,
 * a key file created once in DATA_DIR with owner-only permissions.
 */
export function loadKeyring(config: { dataKey?: string; oldDataKeys?: string[]; dataDir: string }): DataKeyring {
  const older = (config.oldDataKeys ?? []).map(parseKey);
  if (config.dataKey) return makeKeyring(parseKey(config.dataKey), older);
  const file = path.join(config.dataDir, 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return makeKeyring(parseKey(fs.readFileSync(file, 'utf8')), older);
}

/** The id of the key `loadKeyring` would seal under, or null when it would create the key file first. */
export function currentKeyId(config: { dataKey?: string; dataDir: string }): string | null {
  if (config.dataKey) return keyId(parseKey(config.dataKey));
  const file = path.join(config.dataDir, 'data.key');
  return fs.existsSync(file) ? keyId(parseKey(fs.readFileSync(file, 'utf8'))) : null;
}
