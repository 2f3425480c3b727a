import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { flushTokenUse } from './modules/accounts/api-tokens.ts';
import { authenticate } from './modules/accounts/authenticate.ts';
import { modules, wireModules } from './modules.ts';
import type { Clock } from './platform/clock.ts';
import type { AppContext } from './platform/context.ts';
import type { DataKeyring } from './platform/data-key.ts';
import { logFailure } from './platform/db/faults.ts';
import { type Db, databaseReady } from './platform/db/index.ts';
import { NotFoundError } from './platform/errors.ts';
import { diskFileStore, type FileStore } from './platform/files/store.ts';
import { accessOfPluginRoutes, anyone, listRoutes } from './platform/http/access.ts';
import { checkCsrf, ensureCsrfToken } from './platform/http/csrf.ts';
import { DatabaseUnavailableError, isApiRequest, ShuttingDownError, sendError } from './platform/http/errors.ts';
import { installInputRule, parseFormBody } from './platform/http/input.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { apiSchemaTransform, bareNoContent, declareCommonProblems, finishApiDocument } from './platform/http/problem.ts';
import { installProblemPages } from './platform/http/problem-pages.ts';
import { resolveLocale, setLocale } from './platform/http/request-context.ts';
import { type LogStream, logOptions } from './platform/log.ts';
import { installDesignPage } from './platform/ui/design-page.tsx';

interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  keyring: DataKeyring;
  /** Defaults to the disk store under DATA_DIR/files. */
  files?: FileStore;
  logger?: Logger | boolean;
  /** Set `draining` when the process is stopping: /readyz then answers 503 (see main.ts). */
  lifecycle?: Lifecycle;
  /** Where the server's log goes (default stdout), at `config.logLevel`; for tests that read the log. */
  logStream?: LogStream;
}

const staticTypes: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};
const staticFiles = new Map(Object.keys(staticTypes).map((name) => [name, fs.readFileSync(new URL(`../public/${name}`, import.meta.url))]));

interface Lifecycle {
  draining: boolean;
}

/** How long /readyz waits for the database's answer. */
const READY_TIMEOUT_MS = 2_000;

export async function buildApp(deps: AppDeps) {
  const { config } = deps;
  wireModules();
  const app = Fastify({
    logger:
      deps.logger === undefined ? { ...logOptions(config.logLevel), ...(deps.logStream ? { stream: deps.logStream } : {}) } : deps.logger,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1_048_576,
    // A malformed address (bad percent-encoding, bytes that are not UTF-8) is answered like any error: 400.
    frameworkErrors: (error, req, reply) => {
      if (!req.t) setLocale(req, 'en');
      return sendError(error, req, reply, config.baseUrl);
    },
  }).withTypeProvider<ZodTypeProvider>();
  listRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const files = deps.files ?? diskFileStore(path.join(config.dataDir, 'files'));
  const ctx: AppContext = { db: deps.db, clock: deps.clock, config, log: app.log as unknown as Logger, keyring: deps.keyring, files };

  await app.register(cookie);
  await app.register(formbody, { parser: parseFormBody });
  await app.register(multipart);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'convene API',
        version: '1',
        description:
          'Groups, meetings, registration, visa support, documents, agendas, circulars and mailing lists of standards groups. ' +
          'Every error is answered as problem details (RFC 9457, application/problem+json); its `type` is the address of a page ' +
          `that explains it (${config.baseUrl}/problems). Operations that need an account take an API token ` +
          '(Authorization: Bearer …, made on the account page); a browser session works too, a change then carrying the X-CSRF-Token header.',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      servers: [{ url: config.baseUrl }],
      // Each module's tags, in the modules' order (test/openapi-truth.test.ts: every operation's tag is one).
      tags: modules.flatMap((module) => module.apiTags ?? []),
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token, made on the account page' } },
      },
    },
    transform: apiSchemaTransform,
    transformObject: (documents) => finishApiDocument('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject),
  });
  app.addHook('onRoute', declareCommonProblems);
  app.addHook('onSend', bareNoContent);
  await app.register(async (docs) => {
    docs.addHook('onRoute', accessOfPluginRoutes(anyone));
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('t', null as never);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('bearerToken', null);

  // First of all, before any database work: the one input rule (platform/input.ts).
  installInputRule(app);
  app.addHook('onRequest', async (req, reply) => {
    // Probes and static files need no identity: a probe carrying a cookie must not touch the database.
    if (req.routeOptions.config?.anonymous) {
      setLocale(req, resolveLocale(req, reply, config.secureCookies));
      return;
    }
    await authenticate(ctx, req, reply);
    if (!isApiRequest(req)) req.csrfToken = ensureCsrfToken(req, reply, config.secureCookies);
  });
  const tokenUseTimer = setInterval(
    () => void flushTokenUse(ctx).catch((error) => logFailure(ctx.log, 'warn', {}, error, 'recording token use failed')),
    5_000,
  );
  tokenUseTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(tokenUseTimer);
    await flushTokenUse(ctx).catch((error) => logFailure(ctx.log, 'warn', {}, error, 'recording token use failed'));
  });

  app.addHook('preHandler', async (req) => {
    checkCsrf(req);
  });

  app.setErrorHandler((error, req, reply) => {
    // Refused before authentication (a malformed address): the language from the request alone.
    if (!req.t) setLocale(req, req.cookies ? resolveLocale(req, reply, config.secureCookies) : 'en');
    return sendError(error as Error, req, reply, config.baseUrl);
  });
  app.setNotFoundHandler((req, reply) => sendError(new NotFoundError(), req, reply, config.baseUrl));

  app.get('/static/:name', { schema: { hide: true }, config: { anonymous: true, access: anyone } }, async (req, reply) => {
    const name = (req.params as { name: string }).name;
    const body = staticFiles.get(name);
    if (!body) throw new NotFoundError();
    return reply.type(staticTypes[name]!).header('Cache-Control', 'public, max-age=3600').send(body);
  });
  // Liveness: the process answers (no database). Readiness: it can serve, the database answering too.
  app.get('/healthz', { schema: { hide: true }, config: { anonymous: true, access: anyone } }, async () => ({ ok: true }));
  const lifecycle = deps.lifecycle ?? { draining: false };
  app.get('/readyz', { schema: { hide: true }, config: { anonymous: true, access: anyone } }, async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    // Stopping: the load balancer should send nothing new here, though requests in flight still finish.
    if (lifecycle.draining) return sendError(new ShuttingDownError(), req, reply, config.baseUrl, true);
    if (await databaseReady(ctx.db, READY_TIMEOUT_MS)) return { ok: true };
    return sendError(new DatabaseUnavailableError(), req, reply, config.baseUrl, true);
  });
  installMetrics(app, { db: ctx.db, token: config.metricsToken, baseUrl: config.baseUrl });
  installProblemPages(app, config.baseUrl);
  installDesignPage(app);
  if (config.benchEndpoints) {
    // The floor a registration is measured against: one request, one INSERT (table made by the bench).
    app.post('/api/bench/bare', { schema: { hide: true }, config: { access: anyone } }, async (req) => {
      await ctx.db.execute(sql`INSERT INTO bench_rows (label) VALUES (${String((req.body as { label?: string })?.label ?? '')})`);
      return { ok: true };
    });
  }

  for (const module of modules) for (const routes of module.routes ?? []) await app.register(async (scope) => routes(scope, ctx));
  return app;
}
