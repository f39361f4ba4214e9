import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL } from '../../shared/contracts/bridge';
import type * as FakeElectron from './testing/fake-electron';
type Fakes = typeof FakeElectron;

vi.mock('electron', () => import('./testing/fake-electron'));

const backend = {
  dispatch: vi.fn(async () => ({ ok: true as const, data: null })),
  onEvent: vi.fn(() => () => {}),
  dropChannel: vi.fn(),
  close: vi.fn(),
};
const createBackend = vi.fn(async (_options: unknown) => backend);
vi.mock('../backend/backend', () => ({
  createBackend: (options: unknown) => createBackend(options),
}));
vi.mock('../backend/data-dir', () => ({ defaultDataDir: () => '/data/ReturnDesk' }));

/**
 * main.ts runs at import, so each test imports it afresh (resetModules). The mocked `electron`
 * is the same fake throughout, reset first; `setup` runs on it before main.ts does.
 */
let f: Fakes;
async function loadMain(setup: (fakes: Fakes) => void = () => {}): Promise<Fakes> {
  vi.resetModules();
  f = (await import('electron')) as unknown as Fakes;
  f.resetFakes();
  setup(f);
  await import('./main');
  return f;
}

beforeEach(() => {
  vi.clearAllMocks();
  createBackend.mockImplementation(async () => backend);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

describe('main process lifecycle', () => {
  it('before ready: sets the data folder, enables the sandbox and registers app:// as privileged', async () => {
    await loadMain();
    expect(f.app.setPath).toHaveBeenCalledWith('userData', '/data/ReturnDesk');
    expect(f.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(
      f.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
    expect(f.app.enableSandbox).toHaveBeenCalled();
    expect(f.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('when ready: serves app://, creates the backend on userData, bridges IPC and opens the window', async () => {
    await loadMain();
    await vi.waitFor(() => expect(f.BrowserWindow.created).toHaveLength(1));
    expect(f.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(createBackend).toHaveBeenCalledWith(
      expect.objectContaining({
        dataDir: '/data/ReturnDesk',
        migrationsDir: expect.stringMatching(/db[\\/]migrations$/),
        // OS printers reach the backend only through this platform ability.
        printing: expect.objectContaining({
          listPrinters: expect.any(Function),
          printPdf: expect.any(Function),
        }),
        // So does the OS secret store, for the device token.
        sync: expect.objectContaining({
          credentials: expect.objectContaining({
            read: expect.any(Function),
            write: expect.any(Function),
          }),
        }),
      }),
    );
    expect(f.ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(true);
    expect(f.session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(f.session.defaultSession.headersListener).toBeTypeOf('function');
    const win = f.BrowserWindow.created[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://returndesk/index.html');
  });

  it('points sync at the back office and enrolment code from the environment', async () => {
    vi.stubEnv('RETURNDESK_BACKOFFICE_URL', 'https://backoffice.example.com');
    vi.stubEnv('RETURNDESK_ENROLLMENT_CODE', 'ABCD-1234');
    try {
      await loadMain();
      await vi.waitFor(() => expect(createBackend).toHaveBeenCalled());
      expect(createBackend).toHaveBeenCalledWith(
        expect.objectContaining({
          sync: expect.objectContaining({
            backOfficeUrl: 'https://backoffice.example.com',
            enrollmentCode: 'ABCD-1234',
          }),
        }),
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('quits when another instance holds the lock, without opening anything', async () => {
    await loadMain((fakes) => fakes.app.requestSingleInstanceLock.mockImplementation(() => false));
    await new Promise((r) => setTimeout(r, 10));
    expect(f.app.quit).toHaveBeenCalled();
    expect(f.BrowserWindow.created).toHaveLength(0);
    expect(createBackend).not.toHaveBeenCalled();
  });

  it('quits when all windows close, except on macOS', async () => {
    await loadMain();
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    try {
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      f.app.emit('window-all-closed');
      expect(f.app.quit).not.toHaveBeenCalled();
      Object.defineProperty(process, 'platform', { value: 'linux' });
      f.app.emit('window-all-closed');
      expect(f.app.quit).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('closes the backend on quit', async () => {
    await loadMain();
    await vi.waitFor(() => expect(f.BrowserWindow.created).toHaveLength(1));
    f.app.emit('will-quit');
    expect(backend.close).toHaveBeenCalled();
    expect(f.ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
  });

  it('shows an error and exits when the backend cannot start', async () => {
    createBackend.mockImplementation(async () => {
      throw new Error('disk full');
    });
    await loadMain();
    await vi.waitFor(() => expect(f.app.exit).toHaveBeenCalledWith(1));
    expect(f.dialog.showErrorBox).toHaveBeenCalledWith('ReturnDesk could not start', 'disk full');
    expect(f.BrowserWindow.created).toHaveLength(0);
  });
});
