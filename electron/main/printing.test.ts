import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow,
  FakeWebContents,
  resetFakes,
  session,
  type FakeSession,
} from './testing/fake-electron';
import {
  createPlatformPrinting,
  PRINT_PARTITION,
  printWindowOptions,
  toSystemPrinter,
} from './printing';
import { mainWindowOptions } from './window';

vi.mock('electron', () => import('./testing/fake-electron'));

const PDF = new TextEncoder().encode('%PDF-1.7 label');

/** Adjusts each window the code under test creates, before it is used. */
function onWindowCreated(setup: (win: BrowserWindow) => void): void {
  const push = BrowserWindow.created.push.bind(BrowserWindow.created);
  vi.spyOn(BrowserWindow.created, 'push').mockImplementation((...wins) => {
    wins.forEach(setup);
    return push(...wins);
  });
}

beforeEach(() => resetFakes());

describe('the print window', () => {
  it('has the main window hardening, Chromium PDF viewer, no preload and its own session', () => {
    const ses = session.fromPartition(PRINT_PARTITION);
    const options = printWindowOptions(ses as never);
    const { preload: _, ...hardened } = mainWindowOptions('/p').webPreferences!;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({ ...hardened, plugins: true, session: ses });
    expect(options.webPreferences).not.toHaveProperty('preload');
  });
});

describe('listPrinters', () => {
  it('maps Electron printers, using the OS name to print and the display name to show', async () => {
    FakeWebContents.printers = [
      { name: 'Zebra_ZD421', displayName: 'Zebra ZD421 (counter)', description: '', options: {} },
      { name: 'Office_A4', displayName: '', description: 'HP', options: {} },
    ];
    const printers = await createPlatformPrinting().listPrinters();
    expect(printers).toEqual([
      { name: 'Zebra_ZD421', displayName: 'Zebra ZD421 (counter)', isDefault: false },
      { name: 'Office_A4', displayName: 'Office_A4', isDefault: false },
    ]);
    // Asked through a hidden window that is gone afterwards.
    const win = BrowserWindow.created[0]!;
    expect(win.options.show).toBe(false);
    expect(win.destroy).toHaveBeenCalled();
  });

  it('asks the live main window when there is one, without opening another', async () => {
    const live = new FakeWebContents();
    FakeWebContents.printers = [{ name: 'P', displayName: 'P', description: '', options: {} }];
    const printing = createPlatformPrinting({ contentsForQueries: () => live as never });
    expect(await printing.listPrinters()).toHaveLength(1);
    expect(live.getPrintersAsync).toHaveBeenCalled();
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('maps one printer as Electron describes it', () => {
    expect(
      toSystemPrinter({ name: 'a', displayName: 'A', description: 'd', options: {} } as never),
    ).toEqual({ name: 'a', displayName: 'A', isDefault: false });
  });
});

describe('printPdf', () => {
  it('loads the PDF in a hidden window and prints it silently to the configured printer', async () => {
    let loadedFile = '';
    let fileDuringPrint = '';
    onWindowCreated((win) => {
      win.webContents.print.mockImplementationOnce((_options, callback) => {
        loadedFile = fileURLToPath(win.loadURL.mock.calls[0]![0]);
        fileDuringPrint = readFileSync(loadedFile, 'utf8');
        setTimeout(() => callback?.(true, ''), 0);
      });
    });
    await createPlatformPrinting({ renderSettleMs: 0 }).printPdf(PDF, 'Zebra_ZD421');
    const win = BrowserWindow.created[0]!;

    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      plugins: true,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.webContents.print).toHaveBeenCalledWith(
      expect.objectContaining({ silent: true, deviceName: 'Zebra_ZD421' }),
      expect.any(Function),
    );
    expect(fileDuringPrint).toBe('%PDF-1.7 label');
    // The temporary PDF and the window are gone once the OS has the job.
    expect(existsSync(loadedFile)).toBe(false);
    expect(win.destroy).toHaveBeenCalled();
  });

  it('rejects with the printer and Chromium’s reason when printing fails, and cleans up', async () => {
    FakeWebContents.printResult = { success: false, failureReason: 'Invalid deviceName provided' };
    const log = vi.fn();
    const printing = createPlatformPrinting({ renderSettleMs: 0, log });
    await expect(printing.printPdf(PDF, 'Gone_Printer')).rejects.toThrow(
      'The printer "Gone_Printer" did not print the label: Invalid deviceName provided.',
    );
    const win = BrowserWindow.created[0]!;
    const file = fileURLToPath(win.loadURL.mock.calls[0]![0]);
    expect(existsSync(file)).toBe(false);
    expect(win.destroy).toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ level: 'warn', msg: 'printing.system.failed' }),
    );
  });

  it('rejects when the PDF cannot be loaded, without printing', async () => {
    onWindowCreated((win) => win.loadURL.mockRejectedValueOnce(new Error('ERR_FAILED')));
    const printing = createPlatformPrinting({ renderSettleMs: 0 });
    await expect(printing.printPdf(PDF, 'P')).rejects.toThrow('ERR_FAILED');
    const win = BrowserWindow.created[0]!;
    expect(win.webContents.print).not.toHaveBeenCalled();
    expect(win.destroy).toHaveBeenCalled();
  });

  it('prints in a session that grants no permission', async () => {
    await createPlatformPrinting({ renderSettleMs: 0 }).printPdf(PDF, 'P');
    const ses = session.fromPartition(PRINT_PARTITION) as FakeSession;
    const callback = vi.fn();
    ses.permissionRequestHandler?.(null, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(ses.permissionCheckHandler?.(null, 'media')).toBe(false);
    expect(ses.devicePermissionHandler?.()).toBe(false);
  });
});
