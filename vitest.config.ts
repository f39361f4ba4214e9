import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{shared,db,electron,renderer,server,scripts,tests/integration,tests/lint,tests/support}/**/*.test.{ts,tsx}',
    ],
    // Two cores: forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
