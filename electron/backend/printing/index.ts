export { PrintError } from './errors';
export type { PlatformPrinting, SystemPrinter } from './platform';
export { Printing, type NewPrintJob, type PrintingHost } from './service';
export { DEFAULT_PRINT_QUEUE, type PrintQueueOptions } from './worker';
