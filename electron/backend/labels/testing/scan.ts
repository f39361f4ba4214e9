import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ZplRendererModule from 'zpl-renderer-js';

type ZplRenderer = typeof ZplRendererModule;

/**
 * Turns outputs into PNGs and reads their barcodes back, as a scanner would: poppler's
 * pdftoppm at 300 dpi for PDF, zpl-renderer-js (Zebrash compiled to WebAssembly) for ZPL,
 * zbarimg for the codes, once for Code 128 and once for QR. Test-only (zpl-renderer-js is a
 * dev dependency).
 */
export function tool(name: string): string {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`]);
    return name;
  } catch {
    throw new Error(
      `${name} is missing: install poppler-utils and zbar-tools (CI does, in .ci/run)`,
    );
  }
}

export class ScanDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'returndesk-labels-'));

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** One PNG per page, in page order. */
  pdfToPngs(pdf: Uint8Array, name: string, dpi = 300): string[] {
    const file = join(this.dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    execFileSync(tool('pdftoppm'), ['-r', String(dpi), '-png', file, join(this.dir, name)]);
    return readdirSync(this.dir)
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
      .sort()
      .map((f) => join(this.dir, f));
  }

  /** One PNG per ^XA…^XZ label, rendered as the printer would at its density. */
  async zplToPngs(
    zpl: string,
    name: string,
    label: { widthMm: number; heightMm: number; dpmm: number },
  ): Promise<string[]> {
    // Its CommonJS build, loaded by Node itself: through Vite the 8 MB bundle is transformed
    // for nothing and warns about a source map it does not ship.
    const { ready } = createRequire(import.meta.url)('zpl-renderer-js') as ZplRenderer;
    const { api } = await ready;
    const images = await api.zplToBase64MultipleAsync(
      zpl,
      label.widthMm,
      label.heightMm,
      label.dpmm,
    );
    return images.map((base64, i) => {
      const file = join(this.dir, `${name}-${i + 1}.png`);
      writeFileSync(file, Buffer.from(base64, 'base64'));
      return file;
    });
  }

  pdfText(pdf: Uint8Array, name: string): string {
    const file = join(this.dir, `${name}-text.pdf`);
    writeFileSync(file, pdf);
    return execFileSync(tool('pdftotext'), ['-layout', file, '-']).toString();
  }
}

/** Every symbol of one kind zbarimg finds in a PNG, sorted (one line each). */
export function readCodes(png: string, symbology: 'code128' | 'qrcode'): string[] {
  let out = '';
  try {
    out = execFileSync(
      tool('zbarimg'),
      ['--raw', '-q', '-Sdisable', `-S${symbology}.enable`, png],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
  } catch (error) {
    // zbarimg exits 4 when it finds nothing: that is an empty answer, not a failure.
    const status = (error as { status?: number }).status;
    if (status !== 4) throw error;
  }
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .sort();
}

/** What a page scans as: the sorted Code 128 and QR readings. */
export function scanPage(png: string): { code128: string[]; qr: string[] } {
  return { code128: readCodes(png, 'code128'), qr: readCodes(png, 'qrcode') };
}
