export { renderRmaLabelsPdf, type RenderOptions } from './render';
export { renderRmaLabelsZpl, DEFAULT_ZPL_CJK_FONT, type ZplOptions } from './zpl/render';
export { renderManifestPdf, type ManifestOptions } from './manifest';
export {
  LabelError,
  LABEL_SIZES,
  PDF_LABEL_TEMPLATES,
  SHEET_PAPERS,
  type LabelSize,
  type LabelWarning,
  type Manifest,
  type ManifestLine,
  type PdfLabelTemplate,
  type PdfOutput,
  type RmaLabelItem,
  type SheetPaper,
  type StoreBranding,
  type ZplDpmm,
} from './types';
