import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { buildApp } from './app.ts';
import { type AdminCommand, commandOptions, describeError, isAdminCommand, ownerCommandHandler, runAdminCommand } from './commands.ts';
import { loadConfig } from './config.ts';
import { restoreBackup } from './platform/backup/index.ts';
import { systemClock } from './platform/clock.ts';
import type { AppContext } from './platform/context.ts';
import { currentKeyId, loadKeyring } from './platform/data-key.ts';
import { type Database, openDatabase } from './platform/db/index.ts';
import { migrate } from './platform/db/migrate.ts';
import { type CommandArgs, DataDirOwnedError, describeOwner, type OwnerInfo, runThroughOwner } from './platform/db/owner.ts';
import { openFileStore } from './platform/files/open.ts';
import type { FileStore } from './platform/files/store.ts';
import { logOptions } from './platform/log.ts';
import { closeHttp, stopOnSignals, within } from './shutdown.ts';
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
  backup --out FILE     Write the embedded database and every stored file to FILE (.tar.gz, with a
                        manifest of sha-256 sums); while serve runs, it is taken inside serve
  restore --from FILE [--force]
                        Restore such a backup into DATA_DIR (no convene process may be using it;
                        --force replaces data already there). On PostgreSQL use pg_dump / pg_restore

Configuration comes from the environment: PORT, HOST, DATA_DIR, DATABASE_URL, FILE_STORE, BASE_URL,
SMTP_URL, SMTP_IN_PORT, SMTP_IN_HOST, INBOUND_TRUSTED_AUTHSERV_IDS, INBOUND_RATE_PER_HOUR,
INBOUND_QUEUE_MAX_PER_SENDER, INBOUND_QUEUE_MAX_PER_GROUP, INBOUND_QUEUE_MAX_MB, CONVENE_DATA_KEY,
TRUSTED_PROXIES, METRICS_TOKEN, SHUTDOWN_GRACE_MS, LOG_LEVEL (see README).

On the embedded database (no DATABASE_URL) one process owns DATA_DIR (the lock DATA_DIR/owner.lock):
while serve runs, the other commands run through it; a second serve, or worker, refuses.`;

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
    out: { type: 'string' },
    from: { type: 'string' },
    force: { type: 'boolean' },
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

const context = (database: Database): AppContext => ({
  db: database.db,
  clock: systemClock,
  config,
  log: logger,
  keyring: loadKeyring(config),
  files: openFileStore(config.fileStore),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a claimant waiting for a short command to finish with DATA_DIR prints. */
const sayWaiting = (owner: OwnerInfo) => console.log(`Waiting for ${describeOwner(owner)} to finish with ${config.dataDir} …`);

/**
 * Runs a one-shot command: on this process's own connection, or — when another process owns the embedded
 * database — inside that process. While this process owns DATA_DIR it runs others' commands too.
 */
async function runCommand(command: AdminCommand, args: CommandArgs): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    let database: Database;
    try {
      database = await openDatabase(config, { role: 'command', command, worker: false, onWait: sayWaiting }, logger);
    } catch (error) {
      if (!(error instanceof DataDirOwnedError)) throw error;
      const result = await runThroughOwner(config.dataDir, error.owner, command, args);
      if (result === 'retry') {
        // The owner was closing: claim again (this process may own DATA_DIR now).
        if (attempt >= 20) throw new Error(`${describeOwner(error.owner)} kept closing; try again.`);
        await sleep(100);
        continue;
      }
      if (!result.ok) throw new Error(result.message);
      return result.output;
    }
    try {
      const applied = await migrate(database);
      if (applied.length) logger.info({ applied }, 'migrations applied');
      const ctx = context(database);
      database.owner?.serve(ownerCommandHandler(database, ctx));
      return await runAdminCommand(database, ctx, command, args);
    } finally {
      await database.close();
    }
  }
}

/** A server or worker may not share the embedded database; the message says what to do instead. */
function refusal(error: DataDirOwnedError, as: 'serve' | 'worker'): string {
  const owner = describeOwner(error.owner);
  const where = `the embedded database in ${error.dataDir}`;
  if (as === 'serve')
    return `${where} is already in use by ${owner}. Stop that process first, or give this one another DATA_DIR. Nothing was changed.`;
  if (error.owner.role === 'worker') return `${where} is in use by ${owner}, which is the worker already. Nothing was changed.`;
  if (error.owner.worker) {
    return `${where} belongs to ${owner}, which runs the background worker itself: nothing to do. A separate worker process needs PostgreSQL (DATABASE_URL).`;
  }
  return (
    `${where} belongs to ${owner}, started with --no-worker. On the embedded database the worker runs only inside the process ` +
    'that owns it: restart serve without --no-worker (with --smtp-in for contributions by mail). Nothing was changed.'
  );
}

async function openOwned(as: 'serve' | 'worker'): Promise<Database> {
  try {
    return await openDatabase(
      config,
      { role: as, command: as, worker: as === 'worker' || !values['no-worker'], onWait: sayWaiting },
      logger,
    );
  } catch (error) {
    if (error instanceof DataDirOwnedError) throw new Error(refusal(error, as));
    throw error;
  }
}

/** The inbound SMTP listener when --smtp-in is given; returns how to stop it. */
async function startSmtpIn(ctx: AppContext): Promise<() => Promise<void>> {
  if (!values['smtp-in']) return async () => {};
  // Imported only here: smtp-server and mailparser cost ~10 MB and ~0.3 s at start-up.
  const { INBOUND_MAX_MAIL_BYTES, startInboundSmtp } = await import('./modules/documents/inbound/smtp-listener.ts');
  const listener = await startInboundSmtp(ctx, {
    port: config.smtpInPort,
    host: config.smtpInHost,
    maxBytes: INBOUND_MAX_MAIL_BYTES,
    closeTimeoutMs: config.shutdownGraceMs,
  });
  console.log(`convene is taking contributions by e-mail on SMTP ${config.smtpInHost}:${listener.port}`);
  return listener.close;
}

async function serve() {
  const database = await openOwned('serve');
  await migrate(database);
  const ctx = context(database);
  database.owner?.serve(ownerCommandHandler(database, ctx));
  let demoLogin: Awaited<ReturnType<typeof seedDemo>> | undefined;
  if (values.demo) demoLogin = await seedDemo(ctx);
  const lifecycle = { draining: false };
  const app = await buildApp({ db: database.db, clock: systemClock, config, keyring: ctx.keyring, files: ctx.files, lifecycle });
  const stopWorker = values['no-worker'] ? async () => {} : startWorker(ctx);
  const stopSmtpIn = await startSmtpIn(ctx);
  // SIGTERM / SIGINT: /readyz says 503, no new connections; requests in flight and the worker's job or
  // mail in progress get SHUTDOWN_GRACE_MS to finish (the worker gives back what it claimed and had not
  // started); then the database is closed and DATA_DIR's lock released. A second signal exits at once.
  stopOnSignals(logger, async () => {
    lifecycle.draining = true;
    const [http, workerDone] = await Promise.all([
      closeHttp(app, config.shutdownGraceMs),
      within(stopWorker(), config.shutdownGraceMs),
      stopSmtpIn(),
    ]);
    if (http.cut) logger.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight after the grace period were cut');
    if (!workerDone)
      logger.warn({ graceMs: config.shutdownGraceMs }, 'work in progress outlasted the grace period; its claim expires by itself');
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  console.log(`\nconvene is running at ${config.baseUrl}/`);
  console.log(`  FG-MV:    ${config.baseUrl}/groups/fg-mv   (中文: ${config.baseUrl}/groups/fg-mv?lang=zh)`);
  console.log(`  API docs: ${config.baseUrl}/api/docs`);
  if (demoLogin) {
    console.log(`  Demo secretariat login: ${demoLogin.email} / ${demoLogin.password}`);
    for (const other of demoLogin.others) console.log(`  Demo ${other.role} login: ${other.email} / ${other.password}`);
  }
  console.log(
    `  Database: ${database.kind === 'pglite' ? `embedded, in ${config.dataDir} (other convene commands run through this process)` : 'PostgreSQL server'}\n`,
  );
}

async function worker() {
  const database = await openOwned('worker');
  await migrate(database);
  const ctx = context(database);
  database.owner?.serve(ownerCommandHandler(database, ctx));
  const stop = startWorker(ctx);
  const stopSmtpIn = await startSmtpIn(ctx);
  stopOnSignals(logger, async () => {
    const [workerDone] = await Promise.all([within(stop(), config.shutdownGraceMs), stopSmtpIn()]);
    if (!workerDone)
      logger.warn({ graceMs: config.shutdownGraceMs }, 'work in progress outlasted the grace period; its claim expires by itself');
    await database.close();
  });
  console.log(`convene worker running (${config.smtpUrl ? 'delivering mail via SMTP_URL' : 'no SMTP_URL: mail stays in the outbox'})`);
}

/** The command's options as strings; rotate-data-key adds the key this process would seal under. */
function commandArgs(command: AdminCommand): CommandArgs {
  const args: CommandArgs = {};
  for (const option of commandOptions) {
    const value = values[option];
    if (value !== undefined) args[option] = String(value);
  }
  // The owner that may run the command has another working directory.
  if (args.out !== undefined) args.out = path.resolve(args.out);
  const keyId = command === 'rotate-data-key' ? currentKeyId(config) : null;
  if (keyId) args.keyId = keyId;
  return args;
}

/**
 * The file store outside DATA_DIR that a restore puts the files into, when one is configured (object
 * storage); undefined means DATA_DIR/files, restored alongside the database.
 */
function externalFileStore(): FileStore | undefined {
  return config.fileStore.kind === 's3' ? openFileStore(config.fileStore) : undefined;
}

/** Never through a running owner: a restore replaces the database under it, so it refuses while one runs. */
async function restore(): Promise<string> {
  if (config.databaseUrl) {
    throw new Error(
      'restore is for the embedded database. On PostgreSQL restore the database with pg_restore (from a pg_dump) and the file store with its own tools. Nothing was changed.',
    );
  }
  if (typeof values.from !== 'string' || !values.from) throw new Error('restore needs --from FILE (a backup written by convene backup).');
  const externalFiles = externalFileStore();
  const started = Date.now();
  const { manifest, replaced } = await restoreBackup({
    dataDir: config.dataDir,
    from: path.resolve(values.from),
    force: values.force === true,
    dataKey: config.dataKey,
    oldDataKeys: config.oldDataKeys,
    externalFiles,
  });
  return (
    `Restored ${manifest.created} backup into ${config.dataDir}${replaced ? ' (its previous data replaced)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
    `database at migration ${manifest.migrationLevel ?? 'none'}, ${manifest.fileCount} file(s), every sha-256 checked. Start convene serve to use it.`
  );
}

async function run() {
  if (command === 'serve') return serve();
  if (command === 'worker') return worker();
  if (command === 'restore') {
    console.log(await restore());
    return;
  }
  if (command && isAdminCommand(command)) {
    console.log(await runCommand(command, commandArgs(command)));
    return;
  }
  console.error(`Unknown command "${command}".\n\n${usage}`);
  process.exit(1);
}

run().catch((error) => {
  console.error(`convene ${command}: ${describeError(error)}`);
  process.exit(1);
});
