/**
 * Reads ZPL back for tests: the labels (^XA…^XZ) and, per label, the data of its text fields
 * (those with a font, ^A0 or ^A@) and of its barcodes, with ^FH hex escapes decoded.
 */
export interface ZplField {
  kind: 'text' | 'code128' | 'qr' | 'other';
  data: string;
  /** The whole field, from its position command to ^FS. */
  source: string;
}

const decodeHex = (data: string) =>
  data.replace(/_([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export function zplLabels(zpl: string): string[] {
  return zpl.match(/\^XA[\s\S]*?\^XZ/g) ?? [];
}

export function zplFields(label: string): ZplField[] {
  return (label.match(/\^F[OT][^^]*[\s\S]*?\^FS/g) ?? []).map((source) => {
    const raw = /\^FD([\s\S]*?)\^FS/.exec(source)?.[1] ?? '';
    const data = source.includes('^FH') ? decodeHex(raw) : raw;
    const kind = /\^A[0@]/.test(source)
      ? 'text'
      : source.includes('^BC')
        ? 'code128'
        : source.includes('^BQ')
          ? 'qr'
          : 'other';
    return { kind, data, source };
  });
}
