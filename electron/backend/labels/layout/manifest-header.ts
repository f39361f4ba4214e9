import { fitLine, wrapLines } from '../fit';
import type { LogoImage } from '../logo';
import { textWidth } from '../metrics';
import { printableText } from '../script';
import type { Manifest } from '../types';
import type { ManifestFrame } from './manifest-frame';
import { textAt, type LayoutElement } from './model';
import { logoIn } from './parts';

/**
 * The head of every manifest page: who sends it (logo, store, address, when) on the left, and
 * the manifest id as Code 128 (with the id in words under it) and QR on the right, so any
 * page scans if the pages get separated. Returns where the page may go on below it.
 */
export function manifestHeader(
  manifest: Manifest,
  logo: LogoImage | null,
  frame: ManifestFrame,
): { elements: LayoutElement[]; bottom: number } {
  const elements: LayoutElement[] = [];
  const right = frame.left + frame.width;
  const qrSize = 78;
  elements.push({
    kind: 'qr',
    x: right - qrSize,
    y: frame.top,
    size: qrSize,
    data: manifest.manifestId,
  });
  const barWidth = 190;
  const barLeft = right - qrSize - 8 - barWidth;
  elements.push({
    kind: 'code128',
    x: barLeft,
    y: frame.top + 4,
    width: barWidth,
    height: 44,
    data: manifest.manifestId,
  });
  const idText = fitLine(manifest.manifestId, barWidth, { size: 10, bold: true });
  const idLeft = barLeft + (barWidth - textWidth(idText, 10, true)) / 2;
  elements.push(textAt(idLeft, frame.top + 62, idText, 10, { bold: true }));

  const textWidthLeft = barLeft - 12 - frame.left;
  let y = frame.top;
  if (logo) {
    const placed = logoIn(logo, frame.left, y, Math.min(140, textWidthLeft), 32);
    elements.push(placed);
    y += placed.height + 8;
  }
  const line = (text: string, size: number, bold = false) => {
    y += size * 1.3;
    const shown = fitLine(printableText(text), textWidthLeft, { size, bold });
    if (shown) elements.push(textAt(frame.left, y, shown, size, { bold }));
  };
  line('Return manifest', 16, true);
  line(`${manifest.storeName} (${manifest.storeCode})`, 10, true);
  const address = printableText(manifest.storeAddress);
  for (const addressLine of wrapLines(address, textWidthLeft, 2, { size: 9 })) {
    y += 9 * 1.3;
    elements.push(textAt(frame.left, y, addressLine, 9));
  }
  line(`Created ${manifest.createdAt}`, 9);
  return { elements, bottom: Math.max(y + 4, frame.top + qrSize) + 12 };
}
