/**
 * Electron main process: lifecycle only. Security rules live in security.ts and csp.ts, the
 * UI's scheme in protocol.ts, the IPC bridge in ipc.ts, the window in window.ts, OS printers
 * in printing.ts.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import { DatabaseOpenError } from '../../db/open';
import { createBackend } from '../backend/backend';
import { defaultDataDir } from '../backend/data-dir';
import type { Backend } from '../backend/types';
import { installCspHeader } from './csp';
import { bridgeIpc, type IpcBridge } from './ipc';
import { log } from './log';
import { APP_SCHEME } from './origin';
import { createPlatformPrinting } from './printing';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createDeviceCredentialStore } from './secret-storage';
import { syncOptionsFromEnv } from '../backend/sync/config';
import { installAppGuards, installPermissionPolicy } from './security';
import { createMainWindow } from './window';

// Bundled to dist/electron/main.cjs; the preload sits next to it, the renderer in dist/renderer,
// the migrations in db/migrations at the app root (the repository, or app.asar when packaged).
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'db', 'migrations');

let backend: Backend | undefined;
let bridge: IpcBridge | undefined;
let mainWindow: BrowserWindow | undefined;

function openMainWindow(): void {
  if (!bridge) return;
  const ipc = bridge;
  mainWindow = createMainWindow({
    preloadPath: PRELOAD_PATH,
    trust: (contents) => ipc.trust(contents),
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  installPermissionPolicy(ses, log);
  installCspHeader(ses);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));

  const dataDir = app.getPath('userData');
  backend = await createBackend({
    dataDir,
    migrationsDir: MIGRATIONS_DIR,
    storeCode: process.env.RETURNDESK_STORE,
    log,
    printing: createPlatformPrinting({ log, contentsForQueries: () => mainWindow?.webContents }),
    // The device token goes through the OS secret store (safeStorage), never plain to disk.
    sync: { ...syncOptionsFromEnv(), credentials: createDeviceCredentialStore(dataDir, log) },
  });
  bridge = bridgeIpc(backend, log);
  openMainWindow();

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

// One data folder for the app and browser mode (`RETURNDESK_DATA_DIR`, else <appData>/ReturnDesk),
// whatever name Electron derived from package.json. Set first: the single-instance lock is per
// userData folder.
app.setPath('userData', defaultDataDir());

function startupFailure(err: unknown): { title: string; detail: string } {
  if (err instanceof DatabaseOpenError) {
    return {
      title: 'ReturnDesk cannot open its database',
      detail: `${err.message}\n\n${err.recovery}`,
    };
  }
  return { title: 'ReturnDesk could not start', detail: String((err as Error)?.message ?? err) };
}

if (!app.requestSingleInstanceLock()) {
  // Another ReturnDesk already runs on this profile; it focuses itself (second-instance).
  app.quit();
} else {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  installAppGuards(log);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    bridge?.dispose();
    bridge = undefined;
    try {
      backend?.close();
    } catch (err) {
      log({ level: 'error', msg: 'backend.close.failed', error: String(err) });
    }
    backend = undefined;
  });

  start().catch((err: unknown) => {
    log({
      level: 'fatal',
      msg: 'startup.failed',
      error: String(err),
      stack: (err as Error)?.stack,
    });
    const { title, detail } = startupFailure(err);
    dialog.showErrorBox(title, detail);
    app.exit(err instanceof DatabaseOpenError ? 2 : 1);
  });
}
