/**
 * OS printers for the backend (PlatformPrinting): the list of the computer's printers and
 * silent printing of a label PDF to one of them, through Chromium's own PDF viewer in a hidden
 * window. The backend decides what and when to print; this file only knows how.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BrowserWindow,
  session,
  type BrowserWindowConstructorOptions,
  type PrinterInfo,
  type Session,
  type WebContents,
} from 'electron';
import type { PlatformPrinting, SystemPrinter } from '../backend/printing';
import { mainWindowOptions } from './window';

type Log = (line: Record<string, unknown>) => void;

/**
 * In-memory and apart from the UI's session: the app's CSP header (set on the default session)
 * would block Chromium's PDF viewer, and nothing printed should share the UI's storage.
 */
export const PRINT_PARTITION = 'returndesk-print';

export interface PlatformPrintingOptions {
  log?: Log;
  /** A live webContents to ask for the printer list (the main window's); else a hidden one. */
  contentsForQueries?: () => WebContents | undefined;
  /** After the PDF has loaded, time for the viewer to lay it out before printing. */
  renderSettleMs?: number;
}

/** The main window's hardened web preferences without its preload (no bridge), plus plugins. */
export function printWindowOptions(ses: Session): BrowserWindowConstructorOptions {
  const { preload: _noBridge, ...hardened } = mainWindowOptions('').webPreferences ?? {};
  return {
    show: false,
    width: 800,
    height: 1100,
    title: 'ReturnDesk printing',
    webPreferences: {
      ...hardened,
      // Chromium's PDF viewer is a plugin; nothing else runs in this window.
      plugins: true,
      session: ses,
    },
  };
}

/** Electron 36+ no longer says which printer is the OS default (Chromium dropped it). */
export function toSystemPrinter(printer: PrinterInfo): SystemPrinter {
  return {
    name: printer.name,
    displayName: printer.displayName || printer.name,
    isDefault: false,
  };
}

const hardenedSessions = new WeakSet<Session>();

/** The print session grants no permission at all. */
function printSession(): Session {
  const ses = session.fromPartition(PRINT_PARTITION);
  if (!hardenedSessions.has(ses)) {
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    hardenedSessions.add(ses);
  }
  return ses;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `webContents.print` as a promise that rejects with a message a person can act on. */
function printSilently(contents: WebContents, printerName: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    contents.print(
      {
        silent: true,
        deviceName: printerName,
        printBackground: true,
        margins: { marginType: 'none' },
        // A label printer's loaded media is the label; the PDF page has the same size.
        usePrinterDefaultPageSize: true,
      },
      (success, failureReason) => {
        if (success) resolve();
        else
          reject(
            new Error(
              `The printer "${printerName}" did not print the label: ${failureReason || 'no reason given'}.`,
            ),
          );
      },
    );
  });
}

export function createPlatformPrinting(options: PlatformPrintingOptions = {}): PlatformPrinting {
  const log = options.log ?? (() => {});
  const renderSettleMs = options.renderSettleMs ?? 750;

  return {
    async listPrinters() {
      const live = options.contentsForQueries?.();
      if (live && !live.isDestroyed()) return (await live.getPrintersAsync()).map(toSystemPrinter);
      const win = new BrowserWindow(printWindowOptions(printSession()));
      try {
        return (await win.webContents.getPrintersAsync()).map(toSystemPrinter);
      } finally {
        win.destroy();
      }
    },

    /**
     * The PDF goes through a private temporary file (Chromium's viewer loads PDFs by URL) that
     * is deleted when the OS has the job, whatever happened.
     */
    async printPdf(pdf, printerName) {
      const dir = await mkdtemp(join(tmpdir(), 'returndesk-print-'));
      const file = join(dir, 'label.pdf');
      const win = new BrowserWindow(printWindowOptions(printSession()));
      try {
        await writeFile(file, pdf, { mode: 0o600 });
        await win.loadURL(pathToFileURL(file).href);
        await delay(renderSettleMs);
        await printSilently(win.webContents, printerName);
        log({ level: 'info', msg: 'printing.system.printed', printer: printerName });
      } catch (error) {
        log({
          level: 'warn',
          msg: 'printing.system.failed',
          printer: printerName,
          error: String(error),
        });
        throw error instanceof Error ? error : new Error(String(error));
      } finally {
        win.destroy();
        await rm(dir, { recursive: true, force: true }).catch(() => {});
      }
    },
  };
}
