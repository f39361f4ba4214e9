import { describe, expect, it } from 'vitest';
import { StandardFonts, PDFDocument } from 'pdf-lib';
import { ELLIPSIS, fitLine, shrinkToFit, wrapLines } from './fit';
import { textWidth } from './metrics';
import { isLatin, printableText, scriptRuns } from './script';

describe('printable text', () => {
  it('is composed, on one line, with characters no label font has as "?"', () => {
    expect(printableText('Cafe\u0301\n\tcrème  brûlée ')).toBe('Café crème brûlée');
    expect(printableText('Ohrhörer 🎧 Наушники')).toBe('Ohrhörer ? ????????');
    expect(printableText('〒150-0042 東京都')).toBe('〒150-0042 東京都');
  });

  it('is cut into Latin and CJK runs', () => {
    expect(scriptRuns('无线 ANC 耳机')).toEqual([
      { text: '无线', script: 'cjk' },
      { text: ' ANC ', script: 'latin' },
      { text: '耳机', script: 'cjk' },
    ]);
  });

  it('counts as Latin exactly what Helvetica can encode', async () => {
    const helvetica = (await PDFDocument.create()).embedStandardFont(StandardFonts.Helvetica);
    for (let cp = 0x20; cp < 0x2200; cp++) {
      const char = String.fromCodePoint(cp);
      let encodes = true;
      try {
        helvetica.encodeText(char);
      } catch {
        encodes = false;
      }
      if (/\p{Cc}/u.test(char)) continue;
      expect([char, isLatin(char)]).toEqual([char, encodes]);
    }
  });
});

describe('fitting text', () => {
  const style = { size: 9 };

  it('keeps text that fits and cuts what does not with an ellipsis, within the width', () => {
    expect(fitLine('Short', 100, style)).toBe('Short');
    const cut = fitLine('A rather longer text than the width allows', 80, style);
    expect(cut.endsWith(ELLIPSIS)).toBe(true);
    expect(textWidth(cut, 9)).toBeLessThanOrEqual(80);
    expect(fitLine('Anything', 2, style)).toBe('');
  });

  it('wraps at spaces, anywhere in CJK, and cuts the last line', () => {
    const width = Math.max(textWidth('one two', 9), textWidth('three four', 9)) + 0.1;
    expect(wrapLines('one two three four', width, 5, style)).toEqual(['one two', 'three four']);
    const cjk = wrapLines('无线降噪耳机无线降噪耳机', 9 * 5, 2, style);
    expect(cjk).toEqual(['无线降噪耳', '机无线降…']);
    const long = wrapLines('x'.repeat(5000), 100, 3, style);
    expect(long).toHaveLength(3);
    expect(long[2]!.endsWith(ELLIPSIS)).toBe(true);
    for (const line of long) expect(textWidth(line, 9)).toBeLessThanOrEqual(100);
  });

  it('shrinks to fit, down to a floor, then cuts', () => {
    expect(shrinkToFit('NY01-A-261121-0042', 1000, 22, 6, true)).toEqual({
      text: 'NY01-A-261121-0042',
      size: 22,
    });
    const small = shrinkToFit('NY01-A-261121-0042', 150, 22, 6, true);
    expect(small.size).toBeLessThan(22);
    expect(textWidth(small.text, small.size, true)).toBeLessThanOrEqual(150);
    expect(shrinkToFit('R'.repeat(64), 100, 22, 6, true).text.endsWith(ELLIPSIS)).toBe(true);
  });
});
