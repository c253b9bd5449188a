import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: migrations are generated from the schema files and
// applied by `npm run db:migrate` (lib/db/migrate.ts), never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/*.ts',
  out: './drizzle',
  casing: 'snake_case',
});
