/**
 * Which font family prints each character, decided once for both outputs so that the PDF and
 * the ZPL of a label carry the same characters: Latin (Helvetica in the PDF, the Zebra's
 * built-in font 0) covers the Windows-1252 repertoire, which is what Helvetica can encode and
 * enough for English, German and French; CJK (the bundled fallback font in the PDF, a
 * printer-resident TrueType font on a Zebra) covers Chinese, Japanese and Korean. Anything
 * else becomes '?', the same on paper from either printer.
 */
export type Script = 'latin' | 'cjk';

export interface ScriptRun {
  text: string;
  script: Script;
}

/** Windows-1252's characters above Latin-1 (0x80–0x9F), which Helvetica encodes too. */
const WIN_ANSI_EXTRA = new Set(
  [
    0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
    0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
    0x0153, 0x017e, 0x0178,
  ].map((cp) => String.fromCodePoint(cp)),
);

export function isLatin(char: string): boolean {
  const cp = char.codePointAt(0)!;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/** Hangul, CJK punctuation, kana, ideographs and full-width forms. */
const CJK = new RegExp(
  '[\\u1100-\\u11ff\\u2e80-\\u2fdf\\u3000-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff' +
    '\\ua960-\\ua97f\\uac00-\\ud7af\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef' +
    '\\u{20000}-\\u{2ffff}]',
  'u',
);

export function isCjk(char: string): boolean {
  return CJK.test(char);
}

/**
 * Text as it is printed: composed (NFC, so "é" typed as e + accent is one Latin character),
 * on one line (line breaks, tabs and other control characters become spaces, runs of spaces
 * one space), and with characters no label font has replaced by '?'.
 */
export function printableText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/[\s\p{Cc}]+/gu, ' ')) {
    out += isLatin(char) || isCjk(char) ? char : '?';
  }
  return out.trim();
}

/** Text already made printable, cut where it changes font family. */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const char of text) {
    const script: Script = isLatin(char) ? 'latin' : 'cjk';
    const last = runs.at(-1);
    if (last && last.script === script) last.text += char;
    else runs.push({ text: char, script });
  }
  return runs;
}

export function hasCjk(text: string): boolean {
  for (const char of text) if (!isLatin(char) && isCjk(char)) return true;
  return false;
}
