import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { APP_START_URL } from './origin';
import { guardWebContents } from './security';

type Log = (line: Record<string, unknown>) => void;

/** The main window's options: the Electron security checklist's web preferences. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'ReturnDesk',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      preload: preloadPath,
    },
  };
}

export interface CreateMainWindowOptions {
  preloadPath: string;
  /** Called before the page loads, so the IPC bridge trusts the window from its first call. */
  trust: (contents: WebContents) => void;
  log?: Log;
}

/** Creates the main window, guards it, registers it with the IPC bridge and loads the UI. */
export function createMainWindow(options: CreateMainWindowOptions): BrowserWindow {
  const log = options.log ?? (() => {});
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath));
  guardWebContents(win.webContents, log);
  options.trust(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_START_URL).catch((err: unknown) => {
    log({ level: 'error', msg: 'window.load.failed', url: APP_START_URL, error: String(err) });
  });
  return win;
}
