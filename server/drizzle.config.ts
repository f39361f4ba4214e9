import { defineConfig } from 'drizzle-kit';

/** `npm run server:db:generate -- --name <what>`: a migration from server/database/schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/database/schema/index.ts',
  out: './server/database/migrations',
});
