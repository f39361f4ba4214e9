/**
 * ZPL II building blocks. Field data goes through ^FH (hex escapes, indicator '_') whenever it
 * holds a character ZPL would read as a command prefix ('^', '~') or as the escape itself
 * ('_'); everything else is sent as is, UTF-8 under ^CI28.
 */
const SPECIAL = /[\^~_]/g;

export function fieldData(text: string): string {
  if (!SPECIAL.test(text)) return `^FD${text}`;
  const escaped = text.replace(
    SPECIAL,
    (char) => `_${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `^FH^FD${escaped}`;
}

/** Dots per PDF point at a print density in dots per mm. */
export const dotsPerPoint = (dpmm: number) => (dpmm * 25.4) / 72;

/** A Zebra font file on the printer: drive, name, TrueType or Zebra extension. */
const PRINTER_FONT = /^[REBA]:[A-Za-z0-9_-]{1,16}\.(TTF|TTE|FNT)$/i;
export const isPrinterFontPath = (path: string) => PRINTER_FONT.test(path);
