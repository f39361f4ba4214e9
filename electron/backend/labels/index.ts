export { renderRmaLabelsPdf, type RenderOptions } from './render';
export { LabelError, LABEL_SIZES, type LabelSize, type RmaLabelItem } from './types';
