import { useEffect, useRef } from 'react';
import { isModalOpen } from '../../components/Modal';

/**
 * A keyboard-wedge barcode scanner "types" the code much faster than a person and ends with
 * Enter. Keys less than `maxGapMs` apart are buffered; an Enter that follows at least
 * `minLength` such keys (and itself comes fast) completes a scan.
 */
export const SCAN_MAX_GAP_MS = 50;
export const SCAN_MIN_LENGTH = 4;

export type ScanStep =
  /** Not (yet) part of a scan: let the key do what it normally does. */
  | { kind: 'pass' }
  /** Part of a scan in progress: swallow the key. */
  | { kind: 'consume' }
  /** Enter ending a scan: swallow it and look the code up. */
  | { kind: 'scan'; code: string };

export class ScanBuffer {
  private chars: string[] = [];
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly maxGapMs = SCAN_MAX_GAP_MS,
    private readonly minLength = SCAN_MIN_LENGTH,
  ) {}

  /** One key press at time `at` (ms); `key` as in KeyboardEvent.key. */
  key(key: string, at: number): ScanStep {
    const fast = at - this.last < this.maxGapMs;
    this.last = at;
    if (key === 'Enter') {
      const code = this.chars.join('');
      this.chars = [];
      return fast && code.length >= this.minLength ? { kind: 'scan', code } : { kind: 'pass' };
    }
    if (key.length !== 1) {
      // Shift (scanners send it for capitals) neither breaks nor extends a scan.
      if (key !== 'Shift') this.chars = [];
      return { kind: 'pass' };
    }
    this.chars = fast ? [...this.chars, key] : [key];
    // The first key cannot be told from a person's; from the second fast one on it is a scan.
    return this.chars.length >= 2 ? { kind: 'consume' } : { kind: 'pass' };
  }

  reset(): void {
    this.chars = [];
    this.last = Number.NEGATIVE_INFINITY;
  }
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** Is the key going to a field where the person (or the scanner) is typing on purpose? */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return false;
}

/**
 * Listens for scans anywhere on the page, except while focus is in a text field (that field
 * takes the scan, e.g. the serial number) or a dialog is open. Keys of a scan are swallowed
 * so that they do not change a focused select or press a focused button.
 */
export function useBarcodeScanner(onScan: (code: string) => void, enabled = true): void {
  const callback = useRef(onScan);
  callback.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    const buffer = new ScanBuffer();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) {
        buffer.reset();
        return;
      }
      if (isTextEntry(e.target) || isModalOpen()) {
        buffer.reset();
        return;
      }
      const step = buffer.key(e.key, e.timeStamp);
      if (step.kind === 'pass') return;
      e.preventDefault();
      e.stopPropagation();
      if (step.kind === 'scan') callback.current(step.code.trim());
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}
