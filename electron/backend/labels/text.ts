import type { PDFFont, PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';

/**
 * Text in any script on a label. Helvetica (a PDF standard font) encodes WinAnsi only, which
 * covers English, German and French; the bundled CJK font has no Latin letters. So text is cut
 * into runs, each set in the font that has its characters; a character neither has becomes '?'.
 * Hand-written because pdf-lib has no font fallback.
 */
export interface LabelFonts {
  latin: PDFFont;
  latinBold: PDFFont;
  cjk: PDFFont | null;
  cjkHas: (codePoint: number) => boolean;
}

interface Run {
  text: string;
  font: PDFFont;
}

function latinCanEncode(font: PDFFont, char: string): boolean {
  try {
    font.encodeText(char);
    return true;
  } catch {
    return false;
  }
}

export function toRuns(text: string, fonts: LabelFonts, bold = false): Run[] {
  const latin = bold ? fonts.latinBold : fonts.latin;
  const runs: Run[] = [];
  for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
    let font = latin;
    let shown = char;
    if (!latinCanEncode(latin, char)) {
      if (fonts.cjk && fonts.cjkHas(char.codePointAt(0)!)) font = fonts.cjk;
      else shown = '?';
    }
    const last = runs.at(-1);
    if (last && last.font === font) last.text += shown;
    else runs.push({ text: shown, font });
  }
  return runs;
}

export function widthOf(runs: Run[], size: number): number {
  return runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);
}

/** Draws one line of runs; returns its width. */
export function drawRuns(page: PDFPage, runs: Run[], x: number, y: number, size: number): number {
  let cursor = x;
  for (const run of runs) {
    page.drawText(run.text, { x: cursor, y, size, font: run.font, color: rgb(0, 0, 0) });
    cursor += run.font.widthOfTextAtSize(run.text, size);
  }
  return cursor - x;
}

/**
 * Wraps text to a width, at spaces where there are any and anywhere in CJK, into at most
 * `maxLines`; the last line ends with an ellipsis when text was cut.
 */
export function wrap(
  text: string,
  fonts: LabelFonts,
  size: number,
  width: number,
  maxLines: number,
): Run[][] {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const lines: string[] = [];
  let line = '';
  let i = 0;
  const fits = (candidate: string) => widthOf(toRuns(candidate, fonts), size) <= width;
  while (i < chars.length && lines.length < maxLines) {
    const next = line + chars[i];
    if (fits(next)) {
      line = next;
      i += 1;
      continue;
    }
    const space = line.lastIndexOf(' ');
    if (space > 0 && /[\x20-\x7e\u00a0-\u024f]/.test(chars[i]!)) {
      lines.push(line.slice(0, space));
      line = line.slice(space + 1);
    } else {
      lines.push(line);
      line = '';
    }
  }
  if (lines.length < maxLines && line) lines.push(line);
  const cut = i < chars.length || lines.length > maxLines;
  const kept = lines.slice(0, maxLines);
  if (cut && kept.length > 0) {
    let last = kept[kept.length - 1]!.trimEnd();
    while (last && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
    kept[kept.length - 1] = `${last}…`;
  }
  return kept.map((l) => toRuns(l.trim(), fonts));
}
