import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createApiToken, createVerifiedUser, findActorByEmail } from './modules/accounts/service.ts';
import { INBOUND_MAX_MAIL_BYTES, startInboundSmtp } from './modules/documents/smtp-in.ts';
import { resealListSecrets } from './modules/mailing-lists/service.ts';
import { purgeExpiredVisaData, resealPersonalData } from './modules/visas/service.ts';
import { systemClock } from './platform/clock.ts';
import type { AppContext } from './platform/context.ts';
import { loadKeyring } from './platform/data-key.ts';
import { type Database, openDatabase } from './platform/db/index.ts';
import { migrate } from './platform/db/migrate.ts';
import { DomainError } from './platform/errors.ts';
import { diskFileStore } from './platform/files/store.ts';
import { translator } from './platform/i18n/index.ts';
import { logOptions } from './platform/log.ts';
import { startWorker } from './worker.ts';

const usage = `convene — meetings of standards groups

Usage: convene <command> [options]

Commands:
  serve [--demo] [--no-worker] [--smtp-in]
                        Migrate the database and start the web server (--demo also seeds FG-MV);
                        the background worker (mail delivery, scheduled jobs: reminders, remote details, retention purge) runs inside unless --no-worker
  worker [--smtp-in]    Run only the background worker (mail delivery via SMTP_URL, reminders and other scheduled jobs, retention purge)
                        --smtp-in also listens for contributions mailed to the groups' contribution
                        addresses (SMTP on SMTP_IN_HOST:SMTP_IN_PORT)
  migrate               Apply pending database migrations
  rotate-data-key       Re-seal encrypted personal data under CONVENE_DATA_KEY (old keys in CONVENE_DATA_KEYS_OLD)
  purge                 Delete passport data and visa letters past their retention period now
  seed-demo             Load the FG-MV demo data (idempotent)
  create-user --email E --password P --name "Given Family"
              [--role participant|secretariat]
              [--category member-state|sector-member|associate|academia|non-member]
              [--organization O] [--country CC]
                        Create an account whose e-mail address is taken as verified
  create-token --email E [--name N]
                        Print a new personal API token for the account

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, BASE_URL,
SMTP_URL, SMTP_IN_PORT, SMTP_IN_HOST, INBOUND_RATE_PER_HOUR, CONVENE_DATA_KEY, TRUSTED_PROXIES,
LOG_LEVEL (see README).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    help: { type: 'boolean', short: 'h' },
    demo: { type: 'boolean' },
    'no-worker': { type: 'boolean' },
    'smtp-in': { type: 'boolean' },
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    category: { type: 'string' },
    organization: { type: 'string' },
    country: { type: 'string' },
  },
});

const command = positionals[0];
if (values.help || !command || command === 'help') {
  console.log(usage);
  process.exit(command || values.help ? 0 : 1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error(`convene: ${(error as Error).message}`);
  process.exit(1);
}
const logger = pino(logOptions(config.logLevel));

async function withDatabase<T>(fn: (database: Database, ctx: AppContext) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    return await fn(database, { db: database.db, clock: systemClock, config, log: logger, keyring: loadKeyring(config), files: diskFileStore(path.join(config.dataDir, 'files')) });
  } finally {
    await database.close();
  }
}

function describeError(error: unknown): string {
  if (error instanceof DomainError) {
    const t = translator('en');
    const fields = error.fieldErrors.map((f) => `  ${f.field}: ${t(f.message, f.params)}`);
    return [t(error.messageKey, error.params), ...fields].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The inbound SMTP listener when --smtp-in is given; returns how to stop it. */
async function startSmtpIn(ctx: AppContext): Promise<() => Promise<void>> {
  if (!values['smtp-in']) return async () => {};
  const listener = await startInboundSmtp(ctx, { port: config.smtpInPort, host: config.smtpInHost, maxBytes: INBOUND_MAX_MAIL_BYTES });
  console.log(`convene is taking contributions by e-mail on SMTP ${config.smtpInHost}:${listener.port}`);
  return listener.close;
}

async function serve() {
  const database = await openDatabase(config);
  await migrate(database);
  const ctx: AppContext = { db: database.db, clock: systemClock, config, log: logger, keyring: loadKeyring(config), files: diskFileStore(path.join(config.dataDir, 'files')) };
  let demoLogin: { email: string; password: string } | undefined;
  if (values.demo) demoLogin = await seedDemo(ctx);
  const app = await buildApp({ db: database.db, clock: systemClock, config, keyring: ctx.keyring, files: ctx.files });
  const stopWorker = values['no-worker'] ? async () => {} : startWorker(ctx);
  const stopSmtpIn = await startSmtpIn(ctx);
  const shutdown = async () => {
    await stopSmtpIn();
    await stopWorker();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`\nconvene is running at ${config.baseUrl}/`);
  console.log(`  FG-MV:    ${config.baseUrl}/groups/fg-mv   (中文: ${config.baseUrl}/groups/fg-mv?lang=zh)`);
  console.log(`  API docs: ${config.baseUrl}/api/docs`);
  if (demoLogin) console.log(`  Demo secretariat login: ${demoLogin.email} / ${demoLogin.password}`);
  console.log(`  Database: ${database.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'PostgreSQL server'}\n`);
}

async function worker() {
  const database = await openDatabase(config);
  await migrate(database);
  const ctx: AppContext = { db: database.db, clock: systemClock, config, log: logger, keyring: loadKeyring(config), files: diskFileStore(path.join(config.dataDir, 'files')) };
  const stop = startWorker(ctx);
  const stopSmtpIn = await startSmtpIn(ctx);
  const shutdown = async () => {
    await stopSmtpIn();
    await stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  console.log(`convene worker running (${config.smtpUrl ? 'delivering mail via SMTP_URL' : 'no SMTP_URL: mail stays in the outbox'})`);
}

async function run() {
  switch (command) {
    case 'worker':
      return worker();
    case 'rotate-data-key':
      return withDatabase(async (_db, ctx) => {
        const resealed = (await resealPersonalData(ctx)) + (await resealListSecrets(ctx));
        console.log(`Re-sealed ${resealed} record(s) under key ${ctx.keyring.currentId}.`);
      });
    case 'purge':
      return withDatabase(async (_db, ctx) => {
        console.log(`Purged personal data of ${await purgeExpiredVisaData(ctx)} visa request(s).`);
      });
    case 'serve':
      return serve();
    case 'migrate':
      return withDatabase(async () => {
        console.log('Database is up to date.');
      });
    case 'seed-demo':
      return withDatabase(async (_db, ctx) => {
        const login = await seedDemo(ctx);
        console.log(`FG-MV demo data is loaded. Secretariat login: ${login.email} / ${login.password}`);
      });
    case 'create-user':
      return withDatabase(async (_db, ctx) => {
        const [givenName = '', ...rest] = String(values.name ?? '').trim().split(/\s+/);
        const actor = await createVerifiedUser(ctx, {
          email: String(values.email ?? ''),
          password: String(values.password ?? ''),
          givenName,
          familyName: rest.join(' '),
          role: values.role === undefined ? undefined : String(values.role),
          category: (values.category === undefined ? undefined : String(values.category)) as never,
          organization: values.organization === undefined ? undefined : String(values.organization),
          country: values.country === undefined ? undefined : String(values.country),
        });
        console.log(`Created ${actor.role} account ${actor.email} (id ${actor.id}).`);
      });
    case 'create-token':
      return withDatabase(async (_db, ctx) => {
        const actor = await findActorByEmail(ctx, String(values.email ?? ''));
        if (!actor) throw new Error(`No account has the e-mail address ${String(values.email ?? '')}.`);
        console.log(await createApiToken(ctx, actor, String(values.name ?? 'cli')));
      });
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      process.exit(1);
  }
}

run().catch((error) => {
  console.error(`convene ${command}: ${describeError(error)}`);
  process.exit(1);
});
