import { resolve } from 'node:path';
import bwipjs from 'bwip-js/node';
import { renderRmaLabelsPdf, renderRmaLabelsZpl } from '../../electron/backend/labels';
import { item, rmaNumber } from '../../electron/backend/labels/testing/fixtures';
import { median, percentile, report, timeAsync, timeSync } from './stats';

const FONT = resolve(
  import.meta.dirname,
  '..',
  '..',
  'resources',
  'fonts',
  'DroidSansFallbackFull.ttf',
);
const RUNS = 200;
const SHEET_RUNS = 5;

/** What every label rendered to PNG barcodes before: one Code 128 PNG from bwip-js, alone. */
function code128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 4,
    height: 12,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 2,
    backgroundcolor: 'FFFFFF',
  });
}

async function samplesAsync(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeAsync(() => fn(i)));
  return samples;
}

/**
 * RMA labels: one 4×6 label to PDF (Latin name, and a CJK one, which embeds a subset of the
 * 4 MB fallback font) and to ZPL, over 200 runs each with distinct RMA numbers (nothing
 * cached between labels but fonts), and a sheet of 100 labels on A4. The baseline, measured
 * in the same run, is bwip-js rendering one Code 128 PNG alone.
 */
export async function benchLabels(): Promise<void> {
  console.log('Labels (PDF via pdf-lib, ZPL as text; baseline: one bwip-js Code 128 PNG)');
  const latin = (i: number) => item({ rmaNumber: rmaNumber(i + 1) });
  const cjk = (i: number) =>
    item({ rmaNumber: rmaNumber(i + 1, 'SH01'), title: '无线降噪耳机 黑色' });

  // Warm-up: module loading, JIT, and the CJK font read once per process.
  const firstCjk = await timeAsync(() =>
    renderRmaLabelsPdf([cjk(9999)], { size: '4x6', cjkFontFile: FONT }),
  );
  for (let i = 0; i < 20; i++) {
    await code128Png(rmaNumber(9000 + i));
    await renderRmaLabelsPdf([latin(9000 + i)], { size: '4x6', cjkFontFile: FONT });
    renderRmaLabelsZpl([latin(9000 + i)], { size: '4x6', dpmm: 8 });
  }

  const baseline = await samplesAsync(RUNS, (i) => code128Png(rmaNumber(i + 1)));
  const pdfLatin = await samplesAsync(RUNS, (i) =>
    renderRmaLabelsPdf([latin(i)], { size: '4x6', cjkFontFile: FONT }),
  );
  const pdfCjk = await samplesAsync(RUNS, (i) =>
    renderRmaLabelsPdf([cjk(i)], { size: '4x6', cjkFontFile: FONT }),
  );
  const zpl: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    zpl.push(timeSync(() => renderRmaLabelsZpl([latin(i)], { size: '4x6', dpmm: 8 })));
  }
  const baselineName = 'bwip-js Code 128 PNG';
  report('4x6 label → PDF (Latin name)', pdfLatin, baseline, baselineName);
  report('4x6 label → PDF (CJK name)', pdfCjk, baseline, baselineName);
  report('4x6 label → ZPL 203 dpi', zpl, baseline, baselineName);
  console.log(`  first CJK label of the process (reads the font): ${firstCjk.toFixed(1)} ms`);

  const sheet = Array.from({ length: 100 }, (_, i) => latin(i));
  const sheetTotals = await samplesAsync(SHEET_RUNS, () =>
    renderRmaLabelsPdf(sheet, { size: 'A4', cjkFontFile: FONT }),
  );
  const total = median(sheetTotals);
  console.log(
    `${'A4 sheets, 100 labels (13 pages)'.padEnd(34)} total ${total.toFixed(1).padStart(9)} ms` +
      ` (median of ${SHEET_RUNS}, max ${percentile(sheetTotals, 100).toFixed(1)} ms)` +
      `   | ${baselineName}: median ${median(baseline).toFixed(3)} ms` +
      `   | ratio ${(total / median(baseline)).toFixed(1)}×, ${(total / 100).toFixed(2)} ms a label`,
  );
}
