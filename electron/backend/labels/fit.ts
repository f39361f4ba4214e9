import { charWidths, textWidth } from './metrics';
import { isLatin } from './script';

/**
 * Text cut to the space it has on a label: one line, wrapped lines, or a size that fits. Text
 * comes in printable (script.ts) and is measured with metrics.ts, so the cuts are the same in
 * the PDF and the ZPL. Cut text ends with an ellipsis; nothing ever runs past its width.
 */
export const ELLIPSIS = '…';

export interface TextStyle {
  size: number;
  bold?: boolean;
}

/** The text, or as much of it as fits followed by an ellipsis. */
export function fitLine(text: string, width: number, style: TextStyle): string {
  const chars = Array.from(text);
  const widths = charWidths(text, style.size, style.bold);
  let total = 0;
  let fits = chars.length;
  for (let i = 0; i < chars.length; i++) {
    total += widths[i]!;
    if (total > width) {
      fits = i;
      break;
    }
  }
  if (fits === chars.length) return text;
  const room = width - textWidth(ELLIPSIS, style.size, style.bold);
  let kept = 0;
  let used = 0;
  while (kept < fits && used + widths[kept]! <= room) used += widths[kept++]!;
  const head = chars.slice(0, kept).join('').trimEnd();
  return head ? `${head}${ELLIPSIS}` : room >= 0 ? ELLIPSIS : '';
}

/** May a line break before chars[i]? After a space, and anywhere next to CJK. */
function canBreakBefore(chars: string[], i: number): boolean {
  const before = chars[i - 1];
  const at = chars[i]!;
  if (before === undefined) return false;
  return before === ' ' || at === ' ' || !isLatin(before) || !isLatin(at);
}

/**
 * Wraps text into at most `maxLines` lines: at spaces where there are any and anywhere in CJK,
 * mid-word only when a word is wider than a line. The last line takes the rest, cut with an
 * ellipsis when it does not fit.
 */
export function wrapLines(
  text: string,
  width: number,
  maxLines: number,
  style: TextStyle,
): string[] {
  if (maxLines < 1 || !text) return [];
  const chars = Array.from(text);
  const widths = charWidths(text, style.size, style.bold);
  const lines: string[] = [];
  let start = 0;
  while (lines.length < maxLines - 1 && start < chars.length) {
    let used = 0;
    let end = start;
    let lastBreak = -1;
    while (end < chars.length && used + widths[end]! <= width) {
      if (end > start && canBreakBefore(chars, end)) lastBreak = end;
      used += widths[end++]!;
    }
    if (end === chars.length) break;
    if (end < chars.length && canBreakBefore(chars, end)) lastBreak = end;
    const cut = lastBreak > start ? lastBreak : Math.max(end, start + 1);
    lines.push(chars.slice(start, cut).join('').trim());
    start = cut;
    while (chars[start] === ' ') start += 1;
  }
  const rest = chars.slice(start).join('').trim();
  if (rest) lines.push(fitLine(rest, width, style));
  return lines.filter((line) => line.length > 0);
}

/**
 * The largest size from `max` down to `min`, in half points, at which the text fits on one
 * line; at `min` it is cut with an ellipsis if it still does not fit.
 */
export function shrinkToFit(
  text: string,
  width: number,
  max: number,
  min: number,
  bold = false,
): { text: string; size: number } {
  const atOnePoint = textWidth(text, 1, bold);
  const fitting = atOnePoint > 0 ? Math.floor((width / atOnePoint) * 2) / 2 : max;
  const size = Math.max(min, Math.min(max, fitting));
  return { text: fitLine(text, width, { size, bold }), size };
}
