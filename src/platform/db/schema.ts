// Every table of the one schema, for drizzle's typed queries and drizzle-kit.
export * from '../../modules/accounts/schema.ts';
export * from '../../modules/agendas/schema.ts';
export * from '../../modules/circulars/schema.ts';
export * from '../../modules/documents/schema.ts';
export * from '../../modules/groups/schema.ts';
export * from '../../modules/mailing-lists/schema.ts';
export * from '../../modules/meetings/schema.ts';
export * from '../../modules/registrations/schema.ts';
export * from '../../modules/remote/schema.ts';
export * from '../../modules/visas/schema.ts';
export * from '../idempotency/schema.ts';
export * from '../jobs/schema.ts';
export * from '../mail/schema.ts';
