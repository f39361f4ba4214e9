import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

export interface WebApp {
  /** The address browser mode printed, with its per-run token. */
  openUrl: string;
  origin: string;
  token: string;
  dataDir: string;
  output: () => string;
}

/**
 * Starts `dist/node/web.js` exactly as `npm run web` does, on a fresh data folder (or the one
 * given, to restart on the same data).
 */
export async function startWebApp(
  options: {
    store?: string;
    dataDir?: string;
    /** The back office to sync with; by default none (the desktop works on its own). */
    backOfficeUrl?: string;
    enrollmentCode?: string;
    syncIntervalMs?: number;
  } = {},
): Promise<{ app: WebApp; child: ChildProcess; stop: () => Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'returndesk-e2e-'));
  const child = spawn(process.execPath, [join(root, 'dist', 'node', 'web.js')], {
    env: {
      ...process.env,
      RETURNDESK_DATA_DIR: dataDir,
      RETURNDESK_PORT: '0',
      RETURNDESK_STORE: options.store ?? 'NY01',
      RETURNDESK_BACKOFFICE_URL: options.backOfficeUrl ?? 'none',
      ...(options.enrollmentCode ? { RETURNDESK_ENROLLMENT_CODE: options.enrollmentCode } : {}),
      ...(options.syncIntervalMs
        ? { RETURNDESK_SYNC_INTERVAL_MS: String(options.syncIntervalMs) }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const openUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser mode printed no URL in 30 s:\n${output}`)),
      30_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  const url = new URL(openUrl);
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return {
    child,
    stop,
    app: {
      openUrl,
      origin: url.origin,
      token: url.hash.replace('#token=', ''),
      dataDir,
      output: () => output,
    },
  };
}

export const test = base.extend<{ webApp: WebApp }>({
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  webApp: async ({}, use) => {
    const { app, stop } = await startWebApp();
    await use(app);
    await stop();
    rmSync(app.dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** Signs in through the UI the way a clerk does: pick or type the user, key the PIN, submit. */
export async function signIn(page: Page, username: string, secret: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  const secretField = page.getByLabel(/^(PIN|Password)$/);
  await secretField.fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
