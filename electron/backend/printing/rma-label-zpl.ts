import type { PrinterTarget } from '../../../shared/contracts';
import type { RmaLabelItem, StoreBranding } from '../labels';

type ZplTarget = Extract<PrinterTarget, { kind: 'zpl' }>;

/**
 * RMA labels as ZPL for one Zebra, at its label size and print density. The labels module
 * loads on the first label, as for PDFs: the till must start fast and many sessions never print.
 */
export async function renderRmaLabelsZpl(
  items: RmaLabelItem[],
  target: ZplTarget,
  branding?: StoreBranding,
): Promise<string> {
  const labels = await import('../labels');
  return labels.renderRmaLabelsZpl(items, { size: target.size, dpmm: target.dpmm, branding });
}
