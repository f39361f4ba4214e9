import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseOpenError } from '../../db/open';
import { createBackend } from '../backend/backend';
import { defaultDataDir } from '../backend/data-dir';
import { DEFAULT_DEMO_STORE } from '../backend/demo-seed';
import { syncOptionsFromEnv } from '../backend/sync/config';
import { startLocalBackOffice, wantsLocalBackOffice } from '../launcher/local-back-office';
import { startWebServer } from './server';

/**
 * `npm run web`: the desktop backend in plain Node, the renderer served on 127.0.0.1. Built to
 * dist/node/web.js, so paths are relative to the repository root two folders up.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_PORT = 4870;

async function main(): Promise<void> {
  const dataDir = defaultDataDir();
  // No back office configured: run one here (`npm start` has usually started it already and
  // passes its address on).
  const local = wantsLocalBackOffice(process.env)
    ? startLocalBackOffice({
        root,
        dataDir,
        storeCode: process.env.RETURNDESK_STORE ?? DEFAULT_DEMO_STORE,
        onExit: (code, logFile) =>
          // The counter never waits for the back office: without it, this desktop works alone.
          process.stderr.write(
            `The local back office stopped (exit ${code}; see ${logFile}); this desktop works on its own.\n`,
          ),
      })
    : null;
  if (local) {
    process.env.RETURNDESK_BACKOFFICE_URL = local.url;
    process.env.RETURNDESK_ENROLLMENT_CODE_FILE = local.codeFile;
  }
  const backend = await createBackend({
    dataDir,
    migrationsDir: join(root, 'db', 'migrations'),
    storeCode: process.env.RETURNDESK_STORE,
    // The device token: <dataDir>/device-credentials.json, mode 0600 (the default store).
    sync: syncOptionsFromEnv(),
  });
  const rendererDir = join(root, 'dist', 'renderer');
  const wanted =
    process.env.RETURNDESK_PORT === undefined ? DEFAULT_PORT : Number(process.env.RETURNDESK_PORT);
  let server;
  try {
    server = await startWebServer({ backend, rendererDir, port: wanted });
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' ||
      process.env.RETURNDESK_PORT !== undefined
    )
      throw error;
    server = await startWebServer({ backend, rendererDir, port: 0 });
  }
  process.stdout.write(`ReturnDesk is running in browser mode. Open ${server.openUrl}\n`);
  process.stdout.write(`Data: ${dataDir}\n`);
  if (local) process.stdout.write(`Back office: ${local.url} (log: ${local.logFile})\n`);
  let stopping = false;
  const stop = async () => {
    // Ctrl+C reaches both `npm start`'s launcher and this process: stop once.
    if (stopping) return;
    stopping = true;
    await server.close();
    backend.close();
    await local?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseOpenError) {
    process.stderr.write(
      `ReturnDesk cannot open its database (${error.code}): ${error.message}\n${error.recovery}\n`,
    );
    process.exit(2);
  }
  process.stderr.write(`ReturnDesk failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
