import { resolve } from 'node:path';
import { z } from 'zod';

/** The back office's settings from its environment, checked before anything starts. */
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  RETURNDESK_SERVER_DATA_DIR: z.string().trim().min(1).default('.data/back-office'),
  RETURNDESK_SERVER_PORT: z.coerce.number().int().min(0).max(65_535).default(4350),
  RETURNDESK_SERVER_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** `0` starts with an empty directory instead of the demo chain. */
  RETURNDESK_SERVER_DEMO: z.enum(['0', '1']).default('1'),
  /**
   * A store code: print a one-time enrollment code for it once listening. `npm start` uses it to
   * enrol the desktop it starts next to its own back office.
   */
  RETURNDESK_SERVER_BOOTSTRAP_STORE: z.string().trim().min(1).optional(),
  /** Where to write that code too (mode 0600), for a desktop started beside this back office. */
  RETURNDESK_SERVER_BOOTSTRAP_CODE_FILE: z.string().trim().min(1).optional(),
});

export interface ServerConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  seedDemo: boolean;
  bootstrapStore: string | undefined;
  bootstrapCodeFile: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.RETURNDESK_SERVER_DATA_DIR),
    port: e.RETURNDESK_SERVER_PORT,
    host: e.RETURNDESK_SERVER_HOST,
    seedDemo: e.RETURNDESK_SERVER_DEMO === '1',
    bootstrapStore: e.RETURNDESK_SERVER_BOOTSTRAP_STORE?.toUpperCase(),
    bootstrapCodeFile: e.RETURNDESK_SERVER_BOOTSTRAP_CODE_FILE,
  };
}
