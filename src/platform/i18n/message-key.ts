import { catalogs, type MessageKey } from './index.ts';

/** Whether a string (a Zod issue's message, say) is a key of the catalogs. */
export const isMessageKey = (value: unknown): value is MessageKey => typeof value === 'string' && Object.hasOwn(catalogs.en, value);

/** A validation message for a person: the key it names when that is an error message of the catalogs, else the generic one. */
export const errorMessageKey = (value: unknown): MessageKey =>
  isMessageKey(value) && value.startsWith('error.') ? value : 'error.invalid';
