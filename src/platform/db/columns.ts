import { jsonb, timestamp } from 'drizzle-orm/pg-core';

/** Text kept per language code, e.g. { en: "Interoperability", zh: "互操作性" }. */
export type LocalizedText = Record<string, string>;

export const localized = (name: string) => jsonb(name).$type<LocalizedText>().notNull().default({});
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
