import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { DataKeyring } from './data-key.ts';
import type { Db } from './db/index.ts';
import type { FileStore } from './files/store.ts';

/** What every service needs, injected so tests can swap the clock or the database. */
export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  keyring: DataKeyring;
  /** Uploaded documents and templates, content-addressed. */
  files: FileStore;
}
