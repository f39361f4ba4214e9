import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { startBackOffice, type BackOffice } from '../back-office';
import { POSTGRES_MISSING_MESSAGE, createTestDatabase } from './postgres';

/** Every integration suite runs on both engines the back office supports (DESIGN.md §11). */
export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/** A clock the tests move by hand, starting now (the demo's reference day is today). */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
  iso(offsetMs = 0): string {
    return new Date(this.ms + offsetMs).toISOString();
  }
}

export interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  code?: string;
  [key: string]: unknown;
}

export interface TestBackOffice extends BackOffice {
  clock: TestClock;
  /** Every line the back office logged, parsed. */
  logs: LogLine[];
  /** Its data folder (PGlite, the server key). */
  dataDir: string;
  stop(): Promise<void>;
}

export function logCollector(lines: LogLine[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
}

/**
 * A back office of its own for one test file: on PGlite in a temp folder, or on a database of
 * its own on the run's PostgreSQL — a copy of the run's demo-seeded template unless `fresh`.
 * PostgreSQL missing fails the test with what to install.
 */
export async function startTestBackOffice(
  engine: Engine,
  options: {
    /** Migrate and seed from nothing rather than copy the run's demo-seeded template. */
    fresh?: boolean;
    seedDemo?: boolean;
    clock?: TestClock;
  } = {},
): Promise<TestBackOffice> {
  const fromTemplate = !options.fresh && (options.seedDemo ?? true);
  let database: { url: string; drop(): Promise<void> } | undefined;
  if (engine === 'postgres') {
    const serverUrl = inject('postgresUrl');
    if (!serverUrl) throw new Error(inject('postgresError') ?? POSTGRES_MISSING_MESSAGE);
    database = await createTestDatabase(
      serverUrl,
      `rd_test_${randomBytes(6).toString('hex')}`,
      fromTemplate ? (inject('postgresTemplate') ?? undefined) : undefined,
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'returndesk-bo-'));
  if (engine === 'pglite' && fromTemplate) {
    const template = inject('pgliteTemplate');
    if (template) cpSync(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  }
  const clock = options.clock ?? new TestClock();
  const logs: LogLine[] = [];
  let backOffice: BackOffice;
  try {
    backOffice = await startBackOffice({
      databaseUrl: database?.url,
      dataDir,
      now: clock.now,
      seedDemo: options.seedDemo ?? true,
      logger: { level: 'info', stream: logCollector(logs) },
    });
  } catch (error) {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return Object.assign(backOffice, {
    clock,
    logs,
    dataDir,
    stop: async () => {
      try {
        await backOffice.close();
      } finally {
        await database?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  });
}
