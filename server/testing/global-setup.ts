import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startBackOffice } from '../back-office';
import { createTestDatabase, startThrowawayPostgres, type ThrowawayPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the server tests create their databases on. */
    postgresUrl: string | null;
    /** Why there is none: PostgreSQL tests fail with this message instead of skipping. */
    postgresError: string | null;
    /** A database on it, migrated and seeded with the demo, to copy per test file. */
    postgresTemplate: string | null;
    /** A PGlite folder, migrated and seeded with the demo, to copy per test file. */
    pgliteTemplate: string | null;
  }
}

/** Migrates and seeds once, so that each test file copies instead (PGlite's initdb takes seconds). */
async function seededTemplate(options: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const backOffice = await startBackOffice({ ...options, seedDemo: true });
  await backOffice.close();
}

/**
 * Once per run of the server tests: a throwaway PostgreSQL (or RETURNDESK_TEST_DATABASE_URL's
 * server), published to the tests and in RETURNDESK_TEST_POSTGRES_URL, and demo-seeded
 * templates for both engines. Without PostgreSQL the PGlite half still runs and every
 * PostgreSQL test fails, saying what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pgliteTemplate = mkdtempSync(join(tmpdir(), 'returndesk-pglite-template-'));
  const external = process.env.RETURNDESK_TEST_DATABASE_URL ?? null;
  const postgres: {
    url: string | null;
    cluster: ThrowawayPostgres | null;
    template: { name: string; drop(): Promise<void> } | null;
    failure: string | null;
  } = { url: external, cluster: null, template: null, failure: null };

  const startPostgres = async () => {
    try {
      if (!postgres.url) {
        postgres.cluster = await startThrowawayPostgres();
        postgres.url = postgres.cluster.url;
      }
      const name = `rd_template_${randomBytes(6).toString('hex')}`;
      const database = await createTestDatabase(postgres.url, name);
      postgres.template = { name, drop: database.drop };
      await seededTemplate({ dataDir: tmpdir(), databaseUrl: database.url });
    } catch (error) {
      postgres.failure = (error as Error).message;
    }
  };
  await Promise.all([startPostgres(), seededTemplate({ dataDir: pgliteTemplate })]);

  if (postgres.url) process.env.RETURNDESK_TEST_POSTGRES_URL = postgres.url;
  project.provide('postgresUrl', postgres.failure ? null : postgres.url);
  project.provide('postgresError', postgres.failure);
  project.provide('postgresTemplate', postgres.template?.name ?? null);
  project.provide('pgliteTemplate', pgliteTemplate);
  return async () => {
    try {
      // A throwaway cluster goes with everything in it; on a shared server, drop what we made.
      if (postgres.cluster) await postgres.cluster.stop();
      else await postgres.template?.drop();
    } finally {
      rmSync(pgliteTemplate, { recursive: true, force: true });
    }
  };
}
