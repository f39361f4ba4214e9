import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code128Pattern, qrMatrix } from './barcodes';
import { item } from './testing/fixtures';
import { zplFields, zplLabels } from './testing/zpl-fields';
import { LabelError } from './types';
import { code128ModulesAtMost, qrModulesAtMost } from './zpl/barcodes';
import { fieldData } from './zpl/commands';
import { DEFAULT_ZPL_CJK_FONT, renderRmaLabelsZpl } from './zpl/render';

/** The ZPL itself: its structure, fonts, escapes and barcode sizing. Scanning is in templates. */
const PRINTABLE = fc.string({
  unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
  minLength: 1,
  maxLength: 64,
});

describe('ZPL labels', () => {
  it('are one ^XA…^XZ format per item, UTF-8, sized to the label at its density', () => {
    const zpl = renderRmaLabelsZpl([item(), item({ lineNumber: 2 }), item({ lineNumber: 3 })], {
      size: '4x6',
      dpmm: 12,
    });
    const labels = zplLabels(zpl);
    expect(labels).toHaveLength(3);
    expect(zpl.match(/\^XZ/g)).toHaveLength(3);
    for (const label of labels) {
      expect(label.startsWith('^XA\n^CI28\n')).toBe(true);
      expect(label).toContain('^PW1219'); // 4 in at 12 dots/mm (304.8 dpi)
      expect(label).toContain('^LL1828');
    }
    const small = zplLabels(renderRmaLabelsZpl([item()], { size: '62mm', dpmm: 8 }))[0]!;
    expect(small).toContain('^PW496');
    expect(small).toContain('^LL800');
  });

  it('set Latin in font 0 and CJK in the configured printer font', () => {
    const label = item({ title: '无线降噪耳机 Voltra', storeName: 'Tokyo' });
    const fields = (cjkFont?: string) =>
      zplFields(
        zplLabels(
          renderRmaLabelsZpl([label], { size: '4x6', dpmm: 8, ...(cjkFont ? { cjkFont } : {}) }),
        )[0]!,
      );
    const cjk = fields().find((f) => f.data === '无线降噪耳机')!;
    expect(cjk.source).toContain(`^A@N,25,25,${DEFAULT_ZPL_CJK_FONT}`);
    expect(fields().find((f) => f.data.trim() === 'Voltra')!.source).toMatch(/\^A0N,25,25/);
    expect(fields('E:ANMDS.TTF').find((f) => f.data === '无线降噪耳机')!.source).toContain(
      'E:ANMDS.TTF',
    );
    expect(() =>
      renderRmaLabelsZpl([label], { size: '4x6', dpmm: 8, cjkFont: 'E:X.TTF^XZ' }),
    ).toThrow(LabelError);
  });

  it('escape what ZPL would read as commands, in text and in barcodes', () => {
    expect(fieldData('NY01-A-261121-0042')).toBe('^FDNY01-A-261121-0042');
    expect(fieldData('A^B~C_D')).toBe('^FH^FDA_5EB_7EC_5FD');
    const zpl = renderRmaLabelsZpl([item({ title: 'Evil ^XZ~JR name_', rmaNumber: 'R^1~2_3' })], {
      size: '4x6',
      dpmm: 8,
    });
    expect(zplLabels(zpl)).toHaveLength(1);
    const fields = zplFields(zplLabels(zpl)[0]!);
    expect(fields.some((f) => f.data === 'Evil ^XZ~JR name_')).toBe(true);
    expect(fields.find((f) => f.kind === 'code128')!.data).toBe('R^1~2_3');
    expect(fields.find((f) => f.kind === 'qr')!.data).toBe('MA,R^1~2_3');
  });

  it('put the RMA number after the QR settings (error correction M, automatic mode)', () => {
    const fields = zplFields(zplLabels(renderRmaLabelsZpl([item()], { size: '4x6', dpmm: 8 }))[0]!);
    const qr = fields.find((f) => f.kind === 'qr')!;
    expect(qr.source).toMatch(/\^BQN,2,\d+,M\^FDMA,NY01-A-261121-0042\^FS$/);
    const bar = fields.find((f) => f.kind === 'code128')!;
    expect(bar.source).toMatch(/\^BY3\^BCN,\d+,N,N,N,A\^FDNY01-A-261121-0042\^FS$/);
  });

  it('size Code 128 from an upper bound of its modules', () => {
    fc.assert(
      fc.property(PRINTABLE, (data) => {
        expect(code128ModulesAtMost(data)).toBeGreaterThanOrEqual(code128Pattern(data).modules);
      }),
      { numRuns: 300 },
    );
    expect(code128ModulesAtMost('NY01-A-261121-0042')).toBe(211);
  });

  it('size QR codes from an upper bound of their modules', () => {
    fc.assert(
      fc.property(PRINTABLE, (data) => {
        expect(qrModulesAtMost(data)).toBeGreaterThanOrEqual(qrMatrix(data).size);
      }),
      { numRuns: 300 },
    );
  });

  it('warn when the Code 128 bars come out narrower than scanners read well', () => {
    const warnings: string[] = [];
    renderRmaLabelsZpl([item({ rmaNumber: 'ABCDEFGH-XY-261121-0042' })], {
      size: '62mm',
      dpmm: 8,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual(['BARCODE_TOO_DENSE']);
    renderRmaLabelsZpl([item()], { size: '62mm', dpmm: 8, onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
  });
});
