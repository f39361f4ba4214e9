import type { PDFDocument, PDFImage } from 'pdf-lib';
import type { LogoImage } from '../logo';

/**
 * Each logo embedded once per document however many labels show it. A logo that decoded
 * (logo.ts) but that pdf-lib still refuses is left off like any bad logo.
 */
export class PdfLogos {
  private readonly embedded = new Map<LogoImage, Promise<PDFImage | null>>();

  constructor(private readonly pdf: PDFDocument) {}

  get(logo: LogoImage): Promise<PDFImage | null> {
    let image = this.embedded.get(logo);
    if (!image) {
      const embed =
        logo.format === 'png' ? this.pdf.embedPng(logo.bytes) : this.pdf.embedJpg(logo.bytes);
      image = embed.catch(() => null);
      this.embedded.set(logo, image);
    }
    return image;
  }
}
