/** An OS printer, as the platform lists it. */
export interface SystemPrinter {
  /** The OS's name, what `printPdf` takes. */
  name: string;
  /** The name people see in print dialogs. */
  displayName: string;
  isDefault: boolean;
}

/**
 * What the platform can do with OS printers. The backend has no Electron (DESIGN.md §2), so the
 * Electron shell passes an implementation in; browser mode passes none and OS printers are
 * then refused with SYSTEM_PRINTING_UNAVAILABLE (network ZPL printers still work).
 */
export interface PlatformPrinting {
  listPrinters(): Promise<SystemPrinter[]>;
  /** Resolves once the OS has taken the job; rejects with a message saying why it did not. */
  printPdf(pdf: Uint8Array, printerName: string): Promise<void>;
}
