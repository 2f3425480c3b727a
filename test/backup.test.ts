import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../src/commands.ts';
import { loadConfig } from '../src/config.ts';
import { findActorByEmail } from '../src/modules/accounts/queries.ts';
import { createVerifiedUser } from '../src/modules/accounts/sign-up.ts';
import { BackupError, restoreBackup, writeBackup } from '../src/platform/backup/index.ts';
import { readTar } from '../src/platform/backup/tar.ts';
import { systemClock } from '../src/platform/clock.ts';
import type { AppContext } from '../src/platform/context.ts';
import { loadKeyring } from '../src/platform/data-key.ts';
import { type Database, openDatabase } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { claimDataDir } from '../src/platform/db/owner.ts';
import { diskFileStore, type FileStore } from '../src/platform/files/store.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-backup-'));
const dir = (name: string) => path.join(root, name);

function contextFor(database: Database, dataDir: string): AppContext {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return {
    db: database.db,
    clock: systemClock,
    config,
    log: pino({ level: 'silent' }),
    keyring: loadKeyring(config),
    files: diskFileStore(path.join(dataDir, 'files')),
  };
}

async function readAll(store: FileStore, hash: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of (await store.open(hash)) as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

const restoreInto = (dataDir: string, from: string, force = false) =>
  restoreBackup({ dataDir, from, force, dataKey: undefined, oldDataKeys: [] });

describe('convene backup and restore (embedded database)', () => {
  const source = dir('source');
  const archive = dir('backup.tar.gz');
  const contents = [randomBytes(3 * 1024 * 1024 + 17), Buffer.from('a small file\n'), Buffer.alloc(0), Buffer.from('中文 العربية\n')];
  const hashes: string[] = [];
  const email = `backup-${randomBytes(3).toString('hex')}@example.org`;
  let output = '';

  beforeAll(async () => {
    const database = await openDatabase({ dataDir: source }, { role: 'command', command: 'test', worker: false });
    try {
      await migrate(database);
      const ctx = contextFor(database, source);
      await createVerifiedUser(ctx, {
        email,
        password: 'correct horse battery',
        givenName: 'Ada',
        familyName: 'Lovelace',
        organization: 'Société Générale',
      });
      for (const c of contents) hashes.push((await ctx.files.putBuffer(c)).hash);
      output = await runAdminCommand(database, ctx, 'backup', { out: archive });
    } finally {
      await database.close();
    }
  }, 60_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes one archive with a manifest, the database, the data key and every file', async () => {
    expect(output).toMatch(/^Backup written to .*backup\.tar\.gz .*4 file\(s\)/);
    expect(output).toContain('includes the data key');
    expect((fs.statSync(archive).mode & 0o777).toString(8)).toBe('600');
    const names: string[] = [];
    let manifest: { fileCount: number; migrationLevel: string; files: { hash: string; sha256: string }[] } | null = null;
    for await (const entry of readTar(fs.createReadStream(archive).pipe((await import('node:zlib')).createGunzip()))) {
      names.push(entry.name);
      if (entry.name === 'manifest.json') {
        const parts: Buffer[] = [];
        for await (const c of entry.content) parts.push(c);
        manifest = JSON.parse(Buffer.concat(parts).toString('utf8'));
      }
    }
    expect(names.slice(0, 3)).toEqual(['manifest.json', 'database.tar.gz', 'data.key']);
    expect(names.filter((n) => n.startsWith('files/')).sort()).toEqual(hashes.map((h) => `files/${h}`).sort());
    expect(manifest!.fileCount).toBe(4);
    expect(manifest!.migrationLevel).toMatch(/^\d{4}_/);
    for (const f of manifest!.files) expect(f.sha256).toBe(f.hash);
  });

  it('restores into a fresh DATA_DIR: the account and byte-identical files are there', async () => {
    const target = dir('fresh');
    const result = await restoreInto(target, archive);
    expect(result.replaced).toBe(false);
    expect(fs.readFileSync(path.join(target, 'data.key'))).toEqual(fs.readFileSync(path.join(source, 'data.key')));
    const database = await openDatabase({ dataDir: target }, { role: 'command', command: 'test', worker: false });
    try {
      expect(await migrate(database)).toEqual([]);
      const ctx = contextFor(database, target);
      const actor = await findActorByEmail(ctx, email);
      expect(actor?.email).toBe(email);
      const sourceStore = diskFileStore(path.join(source, 'files'));
      for (const [i, hash] of hashes.entries()) {
        const restored = await readAll(ctx.files, hash);
        expect(restored.equals(contents[i]!)).toBe(true);
        expect(restored.equals(await readAll(sourceStore, hash))).toBe(true);
      }
    } finally {
      await database.close();
    }
    // Nothing of the work folder is left.
    expect(fs.readdirSync(target).filter((n) => n.startsWith('.restore-'))).toEqual([]);
  }, 60_000);

  it('refuses a DATA_DIR holding data without --force, and replaces it with --force', async () => {
    const target = dir('fresh');
    await expect(restoreInto(target, archive)).rejects.toThrow(/is not empty .*--force.*Nothing was changed/);
    const result = await restoreInto(target, archive, true);
    expect(result.replaced).toBe(true);
  }, 60_000);

  it('refuses while a process owns DATA_DIR, changing nothing', async () => {
    const target = dir('owned');
    const lease = await claimDataDir(target, { role: 'serve', command: 'serve', worker: true });
    lease.serve(async () => ({ ok: true, output: '' }));
    try {
      await expect(restoreInto(target, archive, true)).rejects.toThrow(
        /in use by convene serve .*stop it before restoring. Nothing was changed/,
      );
      expect(fs.existsSync(path.join(target, 'pglite'))).toBe(false);
    } finally {
      await lease.release();
    }
  });

  it('refuses a tampered archive (one byte of a file changed), changing nothing', async () => {
    const tar = gunzipSync(fs.readFileSync(archive));
    const name = Buffer.from(`files/${hashes[1]}`);
    const at = tar.indexOf(name);
    expect(at).toBeGreaterThan(0);
    tar[at + 512] = tar[at + 512]! ^ 0x01;
    const tampered = dir('tampered.tar.gz');
    fs.writeFileSync(tampered, gzipSync(tar));
    const target = dir('from-tampered');
    await expect(restoreInto(target, tampered)).rejects.toThrow(
      new RegExp(`file ${hashes[1]} in it does not match its sha-256.*Nothing was changed`),
    );
    expect(fs.existsSync(path.join(target, 'pglite'))).toBe(false);
    expect(fs.existsSync(path.join(target, 'files'))).toBe(false);
    expect(fs.existsSync(path.join(target, 'owner.lock'))).toBe(false);
  });

  it('refuses a tampered database snapshot and a manifest from a newer convene', async () => {
    const tar = gunzipSync(fs.readFileSync(archive));
    const db = tar.indexOf(Buffer.from('database.tar.gz\0'));
    const altered = Buffer.from(tar);
    altered[db + 512 + 100] = altered[db + 512 + 100]! ^ 0xff;
    fs.writeFileSync(dir('db-tampered.tar.gz'), gzipSync(altered));
    await expect(restoreInto(dir('t2'), dir('db-tampered.tar.gz'))).rejects.toThrow(/database in it does not match its sha-256/);

    // A manifest naming a migration this convene does not have (its checksum fixed up, as an editor would).
    const manifestStart = 512;
    const size = Number.parseInt(tar.toString('ascii', 124, 135), 8);
    const text = tar.toString('utf8', manifestStart, manifestStart + size);
    const newer = text.replace('"migrations": [', '"migrations": [\n  "9999_from_the_future",');
    const rebuilt = await rebuildWithManifest(tar, Buffer.from(newer));
    fs.writeFileSync(dir('newer.tar.gz'), gzipSync(rebuilt));
    await expect(restoreInto(dir('t3'), dir('newer.tar.gz'))).rejects.toThrow(
      /made by a newer convene \(migrations 9999_from_the_future\)/,
    );
    // Not a backup at all.
    fs.writeFileSync(dir('junk.tar.gz'), gzipSync(Buffer.from('hello')));
    await expect(restoreInto(dir('t4'), dir('junk.tar.gz'))).rejects.toThrow(BackupError);
  });

  it('refuses a damaged archive (a header checksum wrong, cut short, cut at an entry end) with a clear message, changing nothing', async () => {
    const tar = gunzipSync(fs.readFileSync(archive));
    const db = tar.indexOf(Buffer.from('database.tar.gz\0'));
    const badHeader = Buffer.from(tar);
    badHeader[db + 100] = badHeader[db + 100]! ^ 0x01; // its mode field: the stored checksum no longer matches
    const dbSize = Number.parseInt(tar.toString('ascii', db + 124, db + 135), 8);
    const cases: [string, Buffer, RegExp][] = [
      ['bad-header', badHeader, /it is damaged \(a tar header has a wrong checksum\)/],
      ['cut-short', tar.subarray(0, db + 512 + 1000), /it is damaged \(the archive ends in the middle of an entry\)/],
      ['cut-at-end', tar.subarray(0, db + 512 + Math.ceil(dbSize / 512) * 512), /it is damaged \(the archive has no end marker\)/],
    ];
    for (const [name, bytes, message] of cases) {
      fs.writeFileSync(dir(`${name}.tar.gz`), gzipSync(bytes));
      const target = dir(`from-${name}`);
      await expect(restoreInto(target, dir(`${name}.tar.gz`))).rejects.toThrow(new RegExp(`${message.source}.*Nothing was changed`));
      expect(fs.existsSync(path.join(target, 'pglite'))).toBe(false);
      expect(fs.existsSync(path.join(target, 'data.key'))).toBe(false);
    }
    // A gzip stream cut short: zlib's own error, said the same way.
    const gz = fs.readFileSync(archive);
    fs.writeFileSync(dir('cut-gzip.tar.gz'), gz.subarray(0, gz.length - 100));
    await expect(restoreInto(dir('from-cut-gzip'), dir('cut-gzip.tar.gz'))).rejects.toThrow(/it is damaged \(.*\).*Nothing was changed/);
  });

  it('on PostgreSQL, says what to do instead', async () => {
    const fake = { kind: 'postgres' } as unknown as Database;
    await expect(
      writeBackup({
        database: fake,
        files: diskFileStore(dir('x')),
        dataDir: dir('x'),
        keyFromEnvironment: undefined,
        out: dir('pg.tar.gz'),
      }),
    ).rejects.toThrow(/pg_dump .*pg_restore.*file store/);
  });
});

/** The archive with its first entry (the manifest) replaced, headers rewritten with correct checksums. */
async function rebuildWithManifest(tar: Buffer, manifest: Buffer): Promise<Buffer> {
  const { writeTar } = await import('../src/platform/backup/tar.ts');
  const entries: { name: string; size: number; content: Buffer }[] = [];
  for await (const entry of readTar(Readable.from([tar]))) {
    const parts: Buffer[] = [];
    for await (const c of entry.content) parts.push(c);
    entries.push({ name: entry.name, size: entry.size, content: Buffer.concat(parts) });
  }
  entries[0] = { name: 'manifest.json', size: manifest.length, content: manifest };
  const out: Buffer[] = [];
  for await (const chunk of writeTar(entries)) out.push(chunk);
  return Buffer.concat(out);
}
