import { defineConfig } from 'drizzle-kit';

// Every module's tables and the platform's own (outbox, jobs, request keys): one schema, one migration history.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/*/schema.ts', './src/modules/*/schema.ts'],
  out: './migrations',
});
