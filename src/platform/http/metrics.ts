import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/index.ts';
import { rowsOf } from '../db/index.ts';
import { UnauthenticatedError } from '../errors.ts';
import { bySecret } from './access.ts';
import { sendError } from './errors.ts';

/** How long a scrape waits for the queue counts before answering without them. */
export const METRICS_DB_TIMEOUT_MS = 2_000;

/** The label of every request no route matched (404s, malformed addresses): one label, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface MetricsOptions {
  db: Db;
  /** When set, a scrape must carry `Authorization: Bearer <token>`. */
  token: string | undefined;
  baseUrl: string;
}

/** sha-256 of both sides first: equal lengths for timingSafeEqual, and no early exit on a length mismatch. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** The route pattern a request matched (`/groups/:slug`), never the address asked for. */
function routeLabel(req: FastifyRequest): string {
  const url = req.routeOptions?.url;
  return typeof url === 'string' && url.length > 0 ? url : UNMATCHED_ROUTE;
}

/**
 * GET /metrics in the Prometheus text format: requests by route pattern and status, their latency, the
 * outbox and the jobs by state (counted at scrape time, within METRICS_DB_TIMEOUT_MS; the HTTP metrics
 * answer even when the database does not), the PostgreSQL pool's use, and the process's own figures.
 * No label carries anything a person typed: routes are patterns, methods a fixed set, statuses numbers.
 */
export function installMetrics(app: FastifyInstance, options: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'convene_' });

  const requests = new Counter({
    name: 'convene_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'convene_http_request_duration_seconds',
    help: 'Time from receiving a request to its answer being sent, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const outbox = new Gauge({
    name: 'convene_outbox_mails',
    help: 'Mails in the outbox by status (queued: waiting or being sent; sent; failed: given up).',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'convene_jobs',
    help: 'Scheduled jobs by state (due: waiting for a runner; running: leased by one; scheduled: not due yet; failed: given up).',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const queuesUp = new Gauge({
    name: 'convene_metrics_database_up',
    help: 'Whether the outbox and job counts of this scrape could be read from the database (1) or not (0).',
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'convene_db_pool_connections',
    help: 'Database connections: total open, idle, and requests waiting for one (the embedded database is one connection in the process).',
    labelNames: ['state'] as const,
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    const method = METHODS.has(req.method) ? req.method : 'OTHER';
    const route = routeLabel(req);
    requests.inc({ method, route, status: String(reply.statusCode) });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
  });

  const client = (options.db as unknown as { $client: unknown }).$client;

  async function readQueues(): Promise<void> {
    const now = new Date();
    const read = async () => {
      const mailRows = rowsOf<{ status: string; n: string | number }>(
        await options.db.execute(sql`SELECT status, count(*) AS n FROM outbox GROUP BY status`),
      );
      const jobRows = rowsOf<{ state: string; n: string | number }>(
        await options.db.execute(sql`
          SELECT CASE
                   WHEN status = 'failed' THEN 'failed'
                   WHEN locked_until IS NOT NULL AND locked_until >= ${now} THEN 'running'
                   WHEN run_at <= ${now} THEN 'due'
                   ELSE 'scheduled'
                 END AS state, count(*) AS n
          FROM jobs WHERE status IN ('pending', 'failed')
          GROUP BY 1`),
      );
      return { mailRows, jobRows };
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), METRICS_DB_TIMEOUT_MS);
    });
    try {
      const { mailRows, jobRows } = await Promise.race([read(), late]);
      outbox.reset();
      jobs.reset();
      for (const status of ['queued', 'sent', 'failed']) outbox.set({ status }, 0);
      for (const state of ['due', 'running', 'scheduled', 'failed']) jobs.set({ state }, 0);
      for (const r of mailRows) outbox.set({ status: r.status }, Number(r.n));
      for (const r of jobRows) jobs.set({ state: r.state }, Number(r.n));
      queuesUp.set(1);
    } catch {
      // Stale counts would look current: leave them out and say so.
      outbox.reset();
      jobs.reset();
      queuesUp.set(0);
    } finally {
      clearTimeout(timer);
    }
  }

  function readPool(): void {
    pool.reset();
    if (client instanceof pg.Pool) {
      pool.set({ state: 'total' }, client.totalCount);
      pool.set({ state: 'idle' }, client.idleCount);
      pool.set({ state: 'waiting' }, client.waitingCount);
    } else {
      pool.set({ state: 'total' }, 1);
    }
  }

  app.get(
    '/metrics',
    { schema: { hide: true }, config: { anonymous: true, access: bySecret } },
    async (req: FastifyRequest, reply: FastifyReply) => {
      if (options.token !== undefined) {
        const given = bearer(req);
        if (given === null || !sameToken(given, options.token)) {
          reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
          return sendError(new UnauthenticatedError(), req, reply, options.baseUrl, true);
        }
      }
      readPool();
      await readQueues();
      reply.header('Cache-Control', 'no-store');
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
  return registry;
}
