/**
 * A stand-in for the `electron` module in unit tests: `vi.mock('electron', () =>
 * import('./testing/fake-electron'))`. Records what the code under test asks of Electron.
 * Call `resetFakes()` in beforeEach.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const l of list) l(...args);
    return list.length > 0;
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
}

let nextFrameId = 1;
export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  let origin = 'null';
  try {
    const u = new URL(url);
    origin = u.protocol === 'app:' ? `app://${u.host}` : u.origin;
  } catch {
    // keep "null"
  }
  return { url, origin, parent, frameTreeNodeId: nextFrameId++ };
}

let nextContentsId = 1;
export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  destroyed = false;
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly send = vi.fn();
  /** The OS printers `getPrintersAsync` answers with. */
  static printers: Array<{
    name: string;
    displayName: string;
    description: string;
    options: Record<string, string>;
  }> = [];
  readonly getPrintersAsync = vi.fn(async () => FakeWebContents.printers);
  /** Answers like Electron: the callback with success, or failure and a reason. */
  static printResult: { success: boolean; failureReason: string } = {
    success: true,
    failureReason: '',
  };
  readonly print = vi.fn(
    (_options: unknown, callback?: (success: boolean, failureReason: string) => void) => {
      const { success, failureReason } = FakeWebContents.printResult;
      setTimeout(() => callback?.(success, failureReason), 0);
    },
  );
  constructor(url = 'app://returndesk/index.html') {
    super();
    this.mainFrame = fakeFrame(url);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Simulates the window closing. */
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class BrowserWindow extends Emitter {
  static created: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created;
  }
  readonly webContents = new FakeWebContents('about:blank');
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame = fakeFrame(url);
  });
  readonly show = vi.fn();
  readonly destroy = vi.fn(() => this.webContents.destroy());
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  isMinimized(): boolean {
    return false;
  }
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
}

export class FakeSession {
  headersListener: Listener | undefined;
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: Listener | undefined;
  devicePermissionHandler: Listener | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: Listener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermissionHandler = handler;
  }
}

class FakeApp extends Emitter {
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly paths = new Map<string, string>();
  readonly getPath = vi.fn((name: string) => this.paths.get(name) ?? `/fake/${name}`);
  readonly setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
const partitions = new Map<string, FakeSession>();
export const session = {
  defaultSession: new FakeSession(),
  fromPartition: vi.fn((partition: string) => {
    let found = partitions.get(partition);
    if (!found) partitions.set(partition, (found = new FakeSession()));
    return found;
  }),
};
export const protocol = { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() };
/** A reversible stand-in for the OS secret store (not encryption: tests only check the calls). */
export const safeStorage = {
  available: true,
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  encryptString: vi.fn((plain: string) =>
    Buffer.from(`fake-os-encrypted:${Buffer.from(plain).toString('base64')}`),
  ),
  decryptString: vi.fn((data: Buffer) => {
    const text = data.toString();
    if (!text.startsWith('fake-os-encrypted:')) throw new Error('Error while decrypting');
    return Buffer.from(text.slice('fake-os-encrypted:'.length), 'base64').toString();
  }),
};
export const shell = { openExternal: vi.fn(async (_url: string) => {}) };
export const dialog = { showErrorBox: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  on: vi.fn(),
};

export function resetFakes(): void {
  BrowserWindow.created = [];
  app.listeners.clear();
  app.paths.clear();
  app.requestSingleInstanceLock.mockImplementation(() => true);
  ipcMain.handlers.clear();
  session.defaultSession = new FakeSession();
  partitions.clear();
  FakeWebContents.printers = [];
  FakeWebContents.printResult = { success: true, failureReason: '' };
  safeStorage.available = true;
  vi.clearAllMocks();
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  protocol,
  safeStorage,
  session,
  shell,
};
