import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: [
            '{shared,db,electron,renderer,scripts,tests/integration,tests/lint,tests/support}/**/*.test.{ts,tsx}',
          ],
        },
      },
      {
        // The back office: its tests run on PGlite and on a throwaway PostgreSQL cluster.
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          globalSetup: ['server/testing/global-setup.ts'],
        },
      },
    ],
  },
});
