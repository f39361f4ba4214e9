/** Where a manifest page puts things, in points: shared by its header, table and totals. */
export interface ManifestFrame {
  /** Left edge of the content; the right edge is left + width. */
  left: number;
  top: number;
  width: number;
}

export const MANIFEST_MARGIN = 36;

/** A thin full-width line, as between table rows. */
export function ruleAt(frame: ManifestFrame, y: number, thickness = 0.4) {
  return {
    kind: 'box',
    x: frame.left,
    y,
    width: frame.width,
    height: thickness,
    fill: 'black',
    border: 0,
  } as const;
}
