import { CODE128_QUIET_MODULES, QR_ERROR_CORRECTION, QR_QUIET_MODULES } from '../layout/model';
import { fieldData } from './commands';

/**
 * ^BC and ^BQ sized to their layout boxes. The printer encodes the symbols itself, so their
 * size in modules is estimated here from above (never smaller than what the printer draws),
 * and the module width in whole dots chosen so the symbol and its quiet zones fit.
 */

/**
 * Code 128 symbols for data in ^BC's automatic mode, counted from above: printable ASCII one
 * symbol each in set B; a run of four or more digits two to a symbol in set C (an odd one
 * out in set B), with a code switch into it unless it starts the data and one out of it
 * unless it ends the data.
 */
export function code128ModulesAtMost(data: string): number {
  let symbols = 0;
  let at = 0;
  for (const run of data.match(/\d{4,}|\D+|\d{1,3}/g) ?? []) {
    const isDigitRun = /^\d{4,}$/.test(run);
    const atStart = at === 0;
    at += run.length;
    if (!isDigitRun) symbols += run.length;
    else symbols += Math.ceil(run.length / 2) + (atStart ? 0 : 1) + (at < data.length ? 1 : 0);
  }
  // Start, check and stop symbols; stop is 13 modules, every other symbol 11.
  return 11 * (symbols + 2) + 13;
}

export function code128Field(
  data: string,
  box: { x: number; y: number; width: number; height: number },
): { zpl: string; moduleDots: number } {
  const modules = code128ModulesAtMost(data);
  const moduleDots = Math.max(1, Math.floor(box.width / (modules + 2 * CODE128_QUIET_MODULES)));
  const x = box.x + Math.max(0, Math.floor((box.width - modules * moduleDots) / 2));
  // Automatic mode (A): every character is data; in the default mode ">" starts an
  // invocation code and could not be printed as itself.
  return {
    zpl: `^FO${x},${box.y}^BY${moduleDots}^BCN,${box.height},N,N,N,A${fieldData(data)}^FS`,
    moduleDots,
  };
}

/** Byte-mode capacity at level M by QR version: an upper bound for any printable ASCII. */
const QR_BYTES_AT_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

export function qrModulesAtMost(data: string): number {
  const version = QR_BYTES_AT_M.findIndex((capacity) => capacity >= data.length) + 1;
  return 17 + 4 * (version || QR_BYTES_AT_M.length);
}

/**
 * ^BQ takes its settings from the start of the field data: error correction ('M'), input mode
 * ('A', automatic), a comma, then the data. The printer encodes only what follows the comma,
 * so a scanner reads exactly the RMA number.
 */
export function qrField(data: string, box: { x: number; y: number; size: number }): string {
  const modules = qrModulesAtMost(data);
  const magnification = Math.min(
    10,
    Math.max(1, Math.floor(box.size / (modules + 2 * QR_QUIET_MODULES))),
  );
  const offset = Math.max(0, Math.floor((box.size - modules * magnification) / 2));
  return (
    `^FO${box.x + offset},${box.y + offset}^BQN,2,${magnification},${QR_ERROR_CORRECTION}` +
    `${fieldData(`${QR_ERROR_CORRECTION}A,${data}`)}^FS`
  );
}
