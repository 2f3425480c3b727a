import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import type { FileReference } from '../files/references.ts';
import type { ModuleCatalog } from '../i18n/index.ts';
import type { AnySlotFill } from '../ui/slots.ts';
import type { AnyPlug, AnyProvision } from './extensions.ts';
import type { PersonalData } from './personal-data.ts';

/** Routes of one module, registered in their own Fastify scope. */
type RouteRegistrar = (scope: FastifyInstance, ctx: AppContext) => Promise<void>;

/**
 * What a module contributes to the application; src/modules.ts lists every module once, in dependency order,
 * and the app, the worker, the hourly purge, the data export and the file sweep loop over that list.
 * Its tables are its `schema.ts` (found by drizzle-kit's glob).
 */
export interface ConveneModule {
  name: string;
  /**
   * Its layer: a module imports only modules of a lower rank (test/architecture.test.ts). 1 accounts, 2 groups,
   * 3 meetings, 4 features on meetings (registrations, documents, circulars), 5 features on those (visas, remote,
   * agendas, mailing lists), 6 features on agendas and documents (decisions) and the console, 7 what gathers a
   * meeting's results (reports); modules of one rank never import each other.
   */
  rank: number;
  /** Its messages in the six languages (its catalog/ folder). */
  catalog?: ModuleCatalog;
  /** The API document's tags its operations use, with what each covers. */
  apiTags?: { name: string; description: string }[];
  /** Page and API routes. */
  routes?: RouteRegistrar[];
  /** Registers job kinds and planners (defineJob/definePlanner); safe to call again. */
  jobs?: () => void;
  /** Retention work run by the hourly purge job; returns how many records it removed. */
  purge?: ((ctx: AppContext) => Promise<unknown>)[];
  /** Re-seals the module's sealed fields under the current data key (`convene rotate-data-key`); returns how many. */
  reseal?: ((ctx: AppContext) => Promise<number>)[];
  /** Templates of mails queued unrendered; safe to call again. */
  mailTemplates?: () => void;
  /** Subscribes handlers to other modules' domain events; safe to call again. */
  subscriptions?: () => void;
  /** What the module shows on other modules' pages. */
  slots?: AnySlotFill[];
  /** Answers to other modules' questions (extension points). */
  provides?: AnyProvision[];
  /** Implementations of other modules' mechanisms (plug points). */
  plugs?: AnyPlug[];
  /** Columns that hold files of the store (see platform/files/references.ts). */
  fileReferences?: () => FileReference[];
  /** Its part of a person's data export, and what it removes with the account. */
  personalData?: PersonalData[];
}

export const defineModule = (module: ConveneModule): ConveneModule => module;
