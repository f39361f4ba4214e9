import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakes } from './testing/fake-electron';
import { createMainWindow, mainWindowOptions } from './window';

vi.mock('electron', () => import('./testing/fake-electron'));

beforeEach(() => resetFakes());

describe('mainWindowOptions', () => {
  it('uses the security checklist web preferences', () => {
    const prefs = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    // Nothing that would loosen them.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('experimentalFeatures', true);
    expect(prefs?.nodeIntegrationInSubFrames).not.toBe(true);
  });

  it('does not show the window before it has painted', () => {
    expect(mainWindowOptions('/p').show).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('builds the window from mainWindowOptions and loads the app origin', () => {
    const trust = vi.fn();
    const win = createMainWindow({ preloadPath: '/x/preload.cjs', trust });
    const fake = BrowserWindow.created[0]!;
    expect(BrowserWindow.created).toHaveLength(1);
    expect(fake.options).toEqual(mainWindowOptions('/x/preload.cjs'));
    expect(fake.loadURL).toHaveBeenCalledWith('app://returndesk/index.html');
    expect(win).toBe(fake);
  });

  it('trusts the window for IPC before the page loads, and guards it', () => {
    const order: string[] = [];
    const trust = vi.fn(() => order.push('trust'));
    createMainWindow({ preloadPath: '/x/preload.cjs', trust });
    const fake = BrowserWindow.created[0]!;
    expect(trust).toHaveBeenCalledWith(fake.webContents);
    expect(trust.mock.invocationCallOrder[0]).toBeLessThan(
      fake.loadURL.mock.invocationCallOrder[0]!,
    );
    expect(fake.webContents.windowOpenHandler).toBeTypeOf('function');
    expect(fake.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
  });

  it('shows the window once it is ready to show', () => {
    createMainWindow({ preloadPath: '/x/preload.cjs', trust: () => {} });
    const fake = BrowserWindow.created[0]!;
    expect(fake.show).not.toHaveBeenCalled();
    fake.emit('ready-to-show');
    expect(fake.show).toHaveBeenCalledTimes(1);
  });
});
