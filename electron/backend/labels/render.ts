import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import { code128Png, qrPng } from './barcodes';
import { drawRuns, toRuns, wrap, widthOf, type LabelFonts } from './text';
import { LabelError, type LabelSize, type RmaLabelItem } from './types';

const MM = 72 / 25.4;
/** Page sizes in PDF points. */
const PAGE: Record<LabelSize, { width: number; height: number }> = {
  '4x6': { width: 4 * 72, height: 6 * 72 },
  '62mm': { width: 62 * MM, height: 100 * MM },
};
/** Printable ASCII: what Code 128 (set B) and our RMA numbers are made of. */
const RMA_TEXT = /^[\x20-\x7e]{1,64}$/;

const cjkFontBytes = new Map<string, Promise<Uint8Array | null>>();
/** Read once per process and file: 4 MB. A missing file is no error: CJK then prints as '?'. */
function loadCjkFont(fontFile: string | undefined): Promise<Uint8Array | null> {
  if (!fontFile) return Promise.resolve(null);
  let bytes = cjkFontBytes.get(fontFile);
  if (!bytes) {
    bytes = readFile(fontFile).then(
      (buffer) => new Uint8Array(buffer),
      () => null,
    );
    cjkFontBytes.set(fontFile, bytes);
  }
  return bytes;
}

/** Any character Helvetica cannot encode (WinAnsi) on these labels? */
function needsFallbackFont(
  items: RmaLabelItem[],
  latin: { encodeText(text: string): unknown },
): boolean {
  return items.some((item) =>
    [item.title, item.storeName, item.grade ?? '', item.disposition ?? '', item.sku].some(
      (text) => {
        try {
          latin.encodeText(text.replace(/[\r\n\t]/g, ' '));
          return false;
        } catch {
          return true;
        }
      },
    ),
  );
}

/**
 * Helvetica always; the CJK font only for labels that need it. It is embedded whole: pdf-lib's
 * subsetting drops glyphs of this font (they print blank), and a blank item name is worse than
 * a 2 MB PDF. Latin-only labels, the common case, stay small and fast.
 */
async function embedFonts(
  pdf: PDFDocument,
  items: RmaLabelItem[],
  fontFile: string | undefined,
): Promise<LabelFonts> {
  pdf.registerFontkit(fontkit);
  const latin = await pdf.embedFont(StandardFonts.Helvetica);
  const latinBold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const bytes = needsFallbackFont(items, latin) ? await loadCjkFont(fontFile) : null;
  if (!bytes) return { latin, latinBold, cjk: null, cjkHas: () => false };
  const cjk = await pdf.embedFont(bytes, { subset: false });
  const probe = fontkit.create(bytes as Buffer) as unknown as {
    hasGlyphForCodePoint(cp: number): boolean;
  };
  return { latin, latinBold, cjk, cjkHas: (cp) => probe.hasGlyphForCodePoint(cp) };
}

export interface RenderOptions {
  size: LabelSize;
  /** The CJK fallback font (resources/fonts); without it, CJK text prints as '?'. */
  cjkFontFile?: string;
}

/** RMA labels, one page per returned item, each with a Code 128 and a QR of the RMA number. */
export async function renderRmaLabelsPdf(
  items: RmaLabelItem[],
  options: RenderOptions,
): Promise<Uint8Array> {
  if (items.length === 0) throw new LabelError('NO_LABEL_ITEMS', 'There is nothing to print.');
  for (const item of items) {
    if (!RMA_TEXT.test(item.rmaNumber)) {
      throw new LabelError(
        'INVALID_RMA_NUMBER',
        `"${item.rmaNumber}" cannot be printed as a barcode.`,
      );
    }
  }
  const pdf = await PDFDocument.create();
  pdf.setTitle(`RMA ${items[0]!.rmaNumber}`);
  pdf.setProducer('ReturnDesk');
  pdf.setCreationDate(new Date(0)); // stable output for the same input
  const fonts = await embedFonts(pdf, items, options.cjkFontFile);
  const barcodes = new Map<string, { bar: Buffer; qr: Buffer }>();
  for (const item of items) {
    if (!barcodes.has(item.rmaNumber)) {
      barcodes.set(item.rmaNumber, {
        bar: await code128Png(item.rmaNumber),
        qr: await qrPng(item.rmaNumber),
      });
    }
  }
  for (const item of items) {
    const { bar, qr } = barcodes.get(item.rmaNumber)!;
    const page = pdf.addPage([PAGE[options.size].width, PAGE[options.size].height]);
    await drawLabel(pdf, page, item, fonts, { bar, qr });
  }
  return pdf.save();
}

async function drawLabel(
  pdf: PDFDocument,
  page: PDFPage,
  item: RmaLabelItem,
  fonts: LabelFonts,
  images: { bar: Buffer; qr: Buffer },
): Promise<void> {
  const { width, height } = page.getSize();
  const margin = Math.round(width * 0.06);
  const inner = width - 2 * margin;
  const scale = width / 288; // 1 on 4×6, smaller on the 62 mm roll
  let y = height - margin;
  const text = (value: string, size: number, bold = false, x = margin) => {
    y -= size * 1.25;
    drawRuns(page, toRuns(value, fonts, bold), x, y, size);
  };

  // Header: store and date, then the RMA number as large as the width allows.
  text(`${item.storeName} (${item.storeCode})`, 9 * scale);
  text(item.dateText, 8 * scale);
  y -= 4 * scale;
  let rmaSize = 22 * scale;
  while (rmaSize > 8 && widthOf(toRuns(item.rmaNumber, fonts, true), rmaSize) > inner)
    rmaSize -= 0.5;
  text(item.rmaNumber, rmaSize, true);
  if (item.reprint) {
    const mark = `REPRINT ${item.reprint.count}`;
    const size = 9 * scale;
    const w = widthOf(toRuns(mark, fonts, true), size) + 6;
    page.drawRectangle({
      x: width - margin - w,
      y: height - margin - size - 6,
      width: w,
      height: size + 6,
      color: rgb(0, 0, 0),
    });
    page.drawText(mark, {
      x: width - margin - w + 3,
      y: height - margin - size - 2,
      size,
      font: fonts.latinBold,
      color: rgb(1, 1, 1),
    });
  }

  // Code 128 across the width (quiet zones are in the image).
  const bar = await pdf.embedPng(images.bar);
  const barHeight = Math.min(70 * scale, (bar.height / bar.width) * inner * 1.6);
  y -= 6 * scale + barHeight;
  page.drawImage(bar, { x: margin, y, width: inner, height: barHeight });

  // Details beside the QR code.
  const qr = await pdf.embedPng(images.qr);
  const qrSize = Math.round(96 * scale);
  const detailsTop = y - 8 * scale;
  page.drawImage(qr, {
    x: width - margin - qrSize,
    y: detailsTop - qrSize,
    width: qrSize,
    height: qrSize,
  });
  y = detailsTop + 2;
  const detailWidth = inner - qrSize - 6 * scale;
  const field = (label: string, value: string) => {
    const size = 8.5 * scale;
    y -= size * 1.3;
    const labelWidth = drawRuns(page, toRuns(`${label} `, fonts, true), margin, y, size);
    const [first] = wrap(value, fonts, size, detailWidth - labelWidth, 1);
    if (first) drawRuns(page, first, margin + labelWidth, y, size);
  };
  field('Order', item.amazonOrderId);
  field('SKU', item.sku);
  field('ASIN', item.asin);
  field('Qty', String(item.quantity));
  field('Item', `${item.lineNumber} of ${item.lineCount}`);
  field('Grade', item.grade ?? '—');
  field('To', item.disposition ?? '—');
  y = Math.min(y, detailsTop - qrSize) - 6 * scale;

  // The item's name, wrapped, never past the bottom.
  const titleSize = 9 * scale;
  const lineHeight = titleSize * 1.3;
  const reserved = item.environmentalTags.length > 0 ? 22 * scale : 0;
  const maxLines = Math.max(1, Math.floor((y - margin - reserved) / lineHeight));
  for (const line of wrap(item.title, fonts, titleSize, inner, Math.min(maxLines, 6))) {
    y -= lineHeight;
    drawRuns(page, line, margin, y, titleSize);
  }

  // Environmental handling marks, boxed, at the bottom.
  let x = margin;
  for (const tag of item.environmentalTags) {
    const size = 9 * scale;
    const w = fonts.latinBold.widthOfTextAtSize(tag, size) + 8;
    page.drawRectangle({
      x,
      y: margin,
      width: w,
      height: size + 8,
      borderColor: rgb(0, 0, 0),
      borderWidth: 1.2,
    });
    page.drawText(tag, { x: x + 4, y: margin + 4, size, font: fonts.latinBold });
    x += w + 6;
  }
}
