import type { TFunction } from 'i18next';
import type { PrinterTarget } from '../../../shared/contracts';
import { LabelSizeSchema, ZPL_DPMM } from '../../../shared/contracts/printing';

/** The media a printer can have loaded (the contract's list). */
export const LABEL_SIZES = LabelSizeSchema.options;
export type LabelSize = (typeof LABEL_SIZES)[number];
export type Dpmm = (typeof ZPL_DPMM)[number];
export { ZPL_DPMM };

/** The contract's defaults for a network Zebra printer (DESIGN.md §9). */
export const DEFAULT_PORT = 9100;
export const DEFAULT_DPMM: Dpmm = 8;
export const DEFAULT_SIZE: LabelSize = '4x6';

/** Dots per mm as printer makers sell them: 8 dots/mm is a 203 dpi head. */
export function dpiOf(dpmm: Dpmm): number {
  return { 6: 152, 8: 203, 12: 300, 24: 600 }[dpmm];
}

/** Where a print goes, as a person reads it: "Zebra 10.0.0.5:9100", "printer “Front desk”". */
export function describeTarget(t: TFunction, target: PrinterTarget): string {
  return target.kind === 'zpl'
    ? t('printing.target.zpl', { host: target.host, port: target.port })
    : t('printing.target.system', { name: target.printerName });
}

export type Choice = 'none' | PrinterTarget['kind'];

/** What the printer form edits: every field of every choice, so switching back keeps them. */
export interface PrinterDraft {
  choice: Choice;
  host: string;
  port: string;
  dpmm: Dpmm;
  zplSize: LabelSize;
  printerName: string;
  systemSize: LabelSize;
}

export function draftFrom(target: PrinterTarget | null): PrinterDraft {
  return {
    choice: target?.kind ?? 'none',
    host: target?.kind === 'zpl' ? target.host : '',
    port: String(target?.kind === 'zpl' ? target.port : DEFAULT_PORT),
    dpmm: target?.kind === 'zpl' ? target.dpmm : DEFAULT_DPMM,
    zplSize: target?.kind === 'zpl' ? target.size : DEFAULT_SIZE,
    printerName: target?.kind === 'system' ? target.printerName : '',
    systemSize: target?.kind === 'system' ? target.size : DEFAULT_SIZE,
  };
}

export type DraftField = 'host' | 'port' | 'printerName';
export type DraftProblems = Partial<Record<DraftField, true>>;

/** The contract's rule for a host: a name or an address, no scheme, path or port. */
const HOST = /^[A-Za-z0-9._:[\]-]+$/;

/**
 * The target a draft stands for, or which fields are wrong. The same bounds as
 * `PrinterTargetSchema` (the renderer does not parse with zod; see renderer/README.md), so
 * the backend's INVALID_INPUT is only a last resort.
 */
export function targetFrom(
  draft: PrinterDraft,
): { target: PrinterTarget | null } | { problems: DraftProblems } {
  if (draft.choice === 'none') return { target: null };
  if (draft.choice === 'system') {
    const printerName = draft.printerName.trim();
    if (!printerName) return { problems: { printerName: true } };
    return { target: { kind: 'system', printerName, size: draft.systemSize } };
  }
  const problems: DraftProblems = {};
  const host = draft.host.trim();
  if (host.length === 0 || host.length > 253 || !HOST.test(host)) problems.host = true;
  const portText = draft.port.trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) problems.port = true;
  if (problems.host || problems.port) return { problems };
  return { target: { kind: 'zpl', host, port, dpmm: draft.dpmm, size: draft.zplSize } };
}

export function sameTarget(a: PrinterTarget | null, b: PrinterTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === 'zpl' && b.kind === 'zpl')
    return a.host === b.host && a.port === b.port && a.dpmm === b.dpmm && a.size === b.size;
  if (a.kind === 'system' && b.kind === 'system')
    return a.printerName === b.printerName && a.size === b.size;
  return false;
}

/** The field an INVALID_INPUT issue path (`target.host`) concerns, if it is one of ours. */
export function fieldOfIssue(path: string): DraftField | null {
  const last = path.split('.').pop();
  return last === 'host' || last === 'port' || last === 'printerName' ? last : null;
}
