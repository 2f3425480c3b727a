import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { makeKeyring } from '../src/platform/data-key.ts';
import { openPostgres } from '../src/platform/db/index.ts';
import { diskFileStore } from '../src/platform/files/store.ts';
import { METRICS_DB_TIMEOUT_MS, UNMATCHED_ROUTE } from '../src/platform/http/metrics.ts';
import { jobs } from '../src/platform/jobs/schema.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { databaseKinds, type Harness, startHarness, testConfig } from './support/harness.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reading of the Prometheus text format (version 0.0.4): every line is a # HELP / # TYPE comment or
 * `name{label="value",…} number`; a line that is neither fails the test. (Prometheus reads numbers with Go's
 * ParseFloat, which takes prom-client's "Nan" as well as "NaN".)
 */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(comment[3]);
        typed.add(comment[2]!);
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|[Nn]a[Nn]|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
    let consumed = 0;
    for (let l = labelPattern.exec(body); l; l = labelPattern.exec(body)) {
      labels[l[1]!] = l[2]!;
      consumed = labelPattern.lastIndex;
    }
    if (consumed !== body.length) throw new Error(`malformed labels: ${line}`);
    const base = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(m[1]!) && !typed.has(base)) throw new Error(`sample without a TYPE: ${line}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe.each(databaseKinds)('GET /metrics (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());

  async function scrape(): Promise<Sample[]> {
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.body);
  }

  it('counts requests by route pattern and status, never by the address asked for', async () => {
    const before = await scrape();
    const matched = { method: 'GET', route: '/groups/:code' };
    const count = (s: Sample[], status: string) => value(s, 'convene_http_requests_total', { ...matched, status }) ?? 0;
    const unmatched = (s: Sample[]) =>
      value(s, 'convene_http_requests_total', { method: 'GET', route: UNMATCHED_ROUTE, status: '404' }) ?? 0;
    for (const slug of ['no-such-group-1', 'no-such-group-2', 'ada.lovelace@example.org']) {
      expect((await h.app.inject({ method: 'GET', url: `/groups/${encodeURIComponent(slug)}` })).statusCode).toBe(404);
    }
    for (const junk of ['/nothing/here', '/secret-path-of-someone', '/another']) {
      expect((await h.app.inject({ method: 'GET', url: junk })).statusCode).toBe(404);
    }
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const after = await scrape();
    expect(count(after, '404') - count(before, '404')).toBe(3);
    expect(unmatched(after) - unmatched(before)).toBe(3);
    expect(value(after, 'convene_http_requests_total', { route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1);
    // The latency histogram saw the same requests.
    const histogramCount = value(after, 'convene_http_request_duration_seconds_count', matched) ?? 0;
    expect(histogramCount - (value(before, 'convene_http_request_duration_seconds_count', matched) ?? 0)).toBe(3);
    expect(value(after, 'convene_http_request_duration_seconds_bucket', { ...matched, le: '+Inf' })).toBe(histogramCount);
    // No label anywhere carries an address asked for.
    const labelValues = after.flatMap((s) => Object.values(s.labels));
    for (const raw of ['no-such-group-1', 'ada.lovelace', 'secret-path-of-someone', '/nothing/here']) {
      expect(labelValues.some((v) => v.includes(raw))).toBe(false);
    }
  });

  it('counts the outbox and the jobs by state at scrape time', async () => {
    const now = h.clock.now();
    const minute = 60_000;
    await h.ctx.db.insert(outbox).values([
      { kind: 'test', toAddress: 'a@example.org', status: 'queued' },
      { kind: 'test', toAddress: 'b@example.org', status: 'queued' },
      { kind: 'test', toAddress: 'c@example.org', status: 'failed' },
      { kind: 'test', toAddress: 'd@example.org', status: 'sent' },
    ]);
    await h.ctx.db.insert(jobs).values([
      { kind: 'test', key: 'metrics:due', runAt: new Date(now.getTime() - minute) },
      { kind: 'test', key: 'metrics:running', runAt: new Date(now.getTime() - minute), lockedUntil: new Date(Date.now() + 5 * minute) },
      { kind: 'test', key: 'metrics:later', runAt: new Date(Date.now() + 60 * minute) },
      { kind: 'test', key: 'metrics:failed', runAt: new Date(now.getTime() - minute), status: 'failed' },
      { kind: 'done-marker', key: 'metrics:done', runAt: now, status: 'done' },
    ]);
    const s = await scrape();
    expect(value(s, 'convene_metrics_database_up', {})).toBe(1);
    expect(value(s, 'convene_outbox_mails', { status: 'queued' })).toBe(2);
    expect(value(s, 'convene_outbox_mails', { status: 'failed' })).toBe(1);
    expect(value(s, 'convene_outbox_mails', { status: 'sent' })).toBe(1);
    expect(value(s, 'convene_jobs', { state: 'due' })).toBe(1);
    expect(value(s, 'convene_jobs', { state: 'running' })).toBe(1);
    expect(value(s, 'convene_jobs', { state: 'scheduled' })).toBe(1);
    expect(value(s, 'convene_jobs', { state: 'failed' })).toBe(1);
    expect(value(s, 'convene_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    if (kind === 'postgres') expect(value(s, 'convene_db_pool_connections', { state: 'waiting' })).toBe(0);
    // The process's own figures come along.
    expect(value(s, 'convene_process_resident_memory_bytes', {})).toBeGreaterThan(0);
  });

  it('is not in the API description', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('hex');
  let h: Harness;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    h = await startHarness('pglite');
    app = await buildApp({
      db: h.database.db,
      clock: h.clock,
      config: testConfig({ METRICS_TOKEN: token }),
      keyring: h.ctx.keyring,
      files: h.ctx.files,
      logger: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  it('answers 401 without the token or with a wrong one, 200 with it', async () => {
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).not.toContain('convene_http_requests_total');
    for (const wrong of [`${token}x`, token.slice(0, -1), 'short', token.toUpperCase()]) {
      const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${wrong}` } });
      expect(res.statusCode).toBe(401);
    }
    const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(parseExposition(ok.body).some((s) => s.name === 'convene_http_requests_total' && s.labels.status === '401')).toBe(true);
  });

  it('refuses a token shorter than 16 characters in the configuration', () => {
    expect(() => testConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('GET /metrics with the database unreachable', () => {
  it('still answers the HTTP metrics, says the queue counts are missing, within the bound', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const database = await openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, 2, { connectTimeoutMs: 500 });
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-files-'));
    const app = await buildApp({
      db: database.db,
      clock: new FixedClock(new Date('2023-04-06T08:00:00Z')),
      config: testConfig(),
      keyring: makeKeyring(randomBytes(32)),
      files: diskFileStore(filesDir),
      logger: false,
    });
    try {
      await app.inject({ method: 'GET', url: '/healthz' });
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expect(Date.now() - started).toBeLessThan(METRICS_DB_TIMEOUT_MS + 1_000);
      expect(res.statusCode).toBe(200);
      const s = parseExposition(res.body);
      expect(value(s, 'convene_metrics_database_up', {})).toBe(0);
      expect(value(s, 'convene_http_requests_total', { route: '/healthz', status: '200' })).toBe(1);
      expect(s.some((x) => x.name === 'convene_outbox_mails')).toBe(false);
    } finally {
      await app.close();
      await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    }
  });
});
