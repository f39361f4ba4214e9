import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres, type ThrowawayPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the server tests create their databases on. */
    postgresUrl: string | null;
    /** Why there is none: PostgreSQL tests fail with this message instead of skipping. */
    postgresError: string | null;
  }
}

/**
 * Once per run of the server tests: a throwaway PostgreSQL (or RETURNDESK_TEST_DATABASE_URL's
 * server), published to the tests and in RETURNDESK_TEST_POSTGRES_URL. Without PostgreSQL the
 * PGlite half still runs and every PostgreSQL test fails, saying what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: ThrowawayPostgres | null = null;
  let url = process.env.RETURNDESK_TEST_DATABASE_URL ?? null;
  let failure: string | null = null;
  if (!url) {
    try {
      cluster = await startThrowawayPostgres();
      url = cluster.url;
    } catch (error) {
      failure = (error as Error).message;
    }
  }
  if (url) process.env.RETURNDESK_TEST_POSTGRES_URL = url;
  project.provide('postgresUrl', url);
  project.provide('postgresError', failure);
  return async () => {
    await cluster?.stop();
  };
}
