// Every table of the one schema, for drizzle's typed queries and drizzle-kit.
export * from '../../modules/accounts/schema.ts';
export * from '../../modules/documents/schema.ts';
export * from '../../modules/groups/schema.ts';
export * from '../../modules/meetings/schema.ts';
export * from '../../modules/registrations/schema.ts';
export * from '../../modules/visas/schema.ts';
export * from '../mail/schema.ts';
