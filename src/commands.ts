import { seedDemo } from '../demo/seed.ts';
import { createApiToken } from './modules/accounts/api-tokens.ts';
import { findActorByEmail } from './modules/accounts/queries.ts';
import { createVerifiedUser } from './modules/accounts/sign-up.ts';
import { purgeExpiredVisaData } from './modules/visas/service.ts';
import { modules, wireModules } from './modules.ts';
import { writeBackup } from './platform/backup/index.ts';
import type { AppContext } from './platform/context.ts';
import type { Database } from './platform/db/index.ts';
import { migrate } from './platform/db/migrate.ts';
import type { CommandArgs, CommandHandler } from './platform/db/owner.ts';
import { DomainError } from './platform/errors.ts';
import { translator } from './platform/i18n/index.ts';
import { resealMailTexts } from './platform/mail/outbox.ts';

/**
 * The one-shot administration commands. Each returns what the command line prints, so the same code runs
 * in the command's own process or — on the embedded database while a server owns it — inside that server,
 * with its database and context, reached through the owner channel (src/platform/db/owner.ts).
 */
const adminCommands = ['migrate', 'seed-demo', 'create-user', 'create-token', 'purge', 'rotate-data-key', 'backup'] as const;
export type AdminCommand = (typeof adminCommands)[number];
export const isAdminCommand = (name: string): name is AdminCommand => (adminCommands as readonly string[]).includes(name);

/** The options a command takes, as strings (how they cross the channel). */
export const commandOptions = ['email', 'password', 'name', 'role', 'category', 'organization', 'country', 'out'] as const;

export async function runAdminCommand(database: Database, ctx: AppContext, command: AdminCommand, args: CommandArgs): Promise<string> {
  // A command calls services as the app does: their domain events must reach the same handlers.
  wireModules();
  switch (command) {
    case 'migrate': {
      const applied = await migrate(database);
      return applied.length ? `Applied ${applied.join(', ')}. Database is up to date.` : 'Database is up to date.';
    }
    case 'seed-demo': {
      const login = await seedDemo(ctx);
      return `FG-MV demo data is loaded. Secretariat login: ${login.email} / ${login.password}`;
    }
    case 'create-user': {
      const [givenName = '', ...rest] = (args.name ?? '').trim().split(/\s+/);
      const actor = await createVerifiedUser(ctx, {
        email: args.email ?? '',
        password: args.password ?? '',
        givenName,
        familyName: rest.join(' '),
        role: args.role,
        category: args.category as never,
        organization: args.organization,
        country: args.country,
      });
      return `Created ${actor.role} account ${actor.email} (id ${actor.id}).`;
    }
    case 'create-token': {
      const actor = await findActorByEmail(ctx, args.email ?? '');
      if (!actor) throw new Error(`No account has the e-mail address ${args.email ?? ''}.`);
      return createApiToken(ctx, actor, args.name ?? 'cli');
    }
    case 'purge':
      return `Purged personal data of ${await purgeExpiredVisaData(ctx)} visa request(s).`;
    case 'rotate-data-key': {
      // Run inside a server, the command re-seals under the server's key: only what the caller asked for
      // when the caller names the same key (a server started with the new key and the old ones).
      if (args.keyId !== undefined && args.keyId !== ctx.keyring.currentId) {
        throw new Error(
          `the running server seals under data key ${ctx.keyring.currentId}, not under key ${args.keyId} that this command was given. ` +
            'Restart it with the new CONVENE_DATA_KEY and the previous key in CONVENE_DATA_KEYS_OLD, then run rotate-data-key again. Nothing was changed.',
        );
      }
      let resealed = 0;
      for (const module of modules) for (const reseal of module.reseal ?? []) resealed += await reseal(ctx);
      resealed += await resealMailTexts(ctx);
      return `Re-sealed ${resealed} record(s) under key ${ctx.keyring.currentId}.`;
    }
    case 'backup': {
      // Run inside the process that owns DATA_DIR (see owner.ts), so the snapshot is of the live database.
      if (!args.out) throw new Error('backup needs --out FILE (a new .tar.gz file).');
      const started = Date.now();
      const { out, manifest, bytes } = await writeBackup({
        database,
        files: ctx.files,
        dataDir: ctx.config.dataDir,
        keyFromEnvironment: ctx.config.dataKey,
        out: args.out,
      });
      const key = manifest.dataKey.included
        ? 'It includes the data key (DATA_DIR/data.key): keep it as safe as the data.'
        : manifest.dataKey.id
          ? `It does not include the data key (CONVENE_DATA_KEY, id ${manifest.dataKey.id}): restoring needs that key.`
          : '';
      return (
        `Backup written to ${out} (${(bytes / 1_048_576).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
        `database at migration ${manifest.migrationLevel ?? 'none'}, ${manifest.fileCount} file(s) of ${(manifest.fileBytes / 1_048_576).toFixed(1)} MB. ${key}`
      ).trim();
    }
  }
}

/** A command's error as the command line shows it: domain errors in English with their field messages. */
export function describeError(error: unknown): string {
  if (error instanceof DomainError) {
    const t = translator('en');
    const fields = error.fieldErrors.map((f) => `  ${f.field}: ${t(f.message, f.params)}`);
    return [t(error.messageKey, error.params), ...fields].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** How the owner of the embedded database runs other processes' commands. */
export function ownerCommandHandler(database: Database, ctx: AppContext): CommandHandler {
  return async (command, args) => {
    if (!isAdminCommand(command)) return { ok: false, message: `Unknown command "${command}".` };
    try {
      const output = await runAdminCommand(database, ctx, command, args);
      ctx.log.info({ command }, 'command run for another convene process');
      return { ok: true, output };
    } catch (error) {
      // The caller gets the message; the log names the command only (arguments carry personal data).
      ctx.log.warn({ command, code: error instanceof DomainError ? error.type : 'error' }, 'command for another convene process failed');
      return { ok: false, message: describeError(error) };
    }
  };
}
