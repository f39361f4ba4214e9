import type { LogoImage } from '../logo';

/**
 * The logo as a ZPL graphic field (^GFA): one bit per printer dot. Each dot averages the
 * image's pixels it covers (over white, for transparent ones), then an ordered 4×4 dither
 * turns grey into dot patterns, as a thermal printer can only burn a dot or not; black and
 * white logos stay crisp, coloured ones keep their shapes.
 */
const BAYER_4X4 = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5].map(
  (rank) => (rank + 0.5) / 16,
);

/** Lightness 0 (black) to 1 (white) of the image area behind dot (dx, dy). */
function lightness(logo: LogoImage, width: number, height: number, dx: number, dy: number) {
  const x0 = Math.floor((dx * logo.width) / width);
  const x1 = Math.max(x0 + 1, Math.floor(((dx + 1) * logo.width) / width));
  const y0 = Math.floor((dy * logo.height) / height);
  const y1 = Math.max(y0 + 1, Math.floor(((dy + 1) * logo.height) / height));
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * logo.width + x) * 4;
      const { rgba } = logo;
      const luma = (0.299 * rgba[at]! + 0.587 * rgba[at + 1]! + 0.114 * rgba[at + 2]!) / 255;
      const alpha = rgba[at + 3]! / 255;
      sum += luma * alpha + (1 - alpha);
    }
  }
  return sum / ((x1 - x0) * (y1 - y0));
}

export function logoGraphic(
  logo: LogoImage,
  box: { x: number; y: number; width: number; height: number },
): string {
  const width = Math.max(1, box.width);
  const height = Math.max(1, box.height);
  const bytesPerRow = Math.ceil(width / 8);
  let hex = '';
  for (let dy = 0; dy < height; dy++) {
    for (let byte = 0; byte < bytesPerRow; byte++) {
      let bits = 0;
      for (let bit = 0; bit < 8; bit++) {
        const dx = byte * 8 + bit;
        const threshold = BAYER_4X4[(dy % 4) * 4 + (dx % 4)]!;
        if (dx < width && lightness(logo, width, height, dx, dy) < threshold) bits |= 0x80 >> bit;
      }
      hex += bits.toString(16).padStart(2, '0').toUpperCase();
    }
  }
  const total = bytesPerRow * height;
  return `^FO${box.x},${box.y}^GFA,${total},${total},${bytesPerRow},${hex}^FS`;
}
