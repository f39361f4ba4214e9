import type { CallInput, OrderDetail } from '../../../shared/contracts';
import { RETURN_REASON_CODES, type ReturnReasonCode } from '../../../shared/domain/returns';

export type OrderLine = OrderDetail['lines'][number];
export type IntakeLineInput = CallInput<'returns.assess'>['lines'][number];

/** What the clerk has entered for one order line. */
export interface LineDraft {
  selected: boolean;
  quantity: number;
  /** The quantity field's text while it is being edited ('' while cleared). */
  quantityText: string;
  reasonCode: ReturnReasonCode | '';
  opened: boolean;
  damaged: boolean;
  missingParts: boolean;
}

export type Drafts = Record<string, LineDraft>;

/** Units still to be taken back on a line: ordered minus returned, never below zero. */
export function remainingOf(line: Pick<OrderLine, 'quantity' | 'returnedQuantity'>): number {
  return Math.max(0, line.quantity - line.returnedQuantity);
}

/** 1 … remaining; anything else is pulled into that range (NaN counts as 1). */
export function clampQuantity(value: number, remaining: number): number {
  if (remaining < 1) return 0;
  if (!Number.isFinite(value)) return 1;
  return Math.min(Math.max(1, Math.trunc(value)), remaining);
}

/**
 * Nothing ticked, except when the order has exactly one line left to return: then that line
 * with quantity 1, so the clerk only has to choose the reason.
 */
export function initialDrafts(order: Pick<OrderDetail, 'lines'>): Drafts {
  const returnable = order.lines.filter((l) => remainingOf(l) > 0);
  const only = returnable.length === 1 ? returnable[0]!.id : null;
  return Object.fromEntries(
    order.lines.map((line) => [
      line.id,
      {
        selected: line.id === only,
        quantity: 1,
        quantityText: '1',
        reasonCode: '',
        opened: false,
        damaged: false,
        missingParts: false,
      } satisfies LineDraft,
    ]),
  );
}

const UNDELIVERABLE = /^UNDELIVERABLE_/;

/**
 * Reasons a clerk can choose for an item of this category. Parcels the carrier brings back
 * (UNDELIVERABLE_*) are not counter returns; size and style reasons only where they apply.
 */
export function reasonsFor(category: string): ReturnReasonCode[] {
  return RETURN_REASON_CODES.filter((code) => {
    if (UNDELIVERABLE.test(code)) return false;
    if (code.startsWith('APPAREL_')) return category === 'apparel';
    if (code.startsWith('JEWELRY_')) return category === 'jewelry';
    return true;
  });
}

export function selectedLines(order: Pick<OrderDetail, 'lines'>, drafts: Drafts): OrderLine[] {
  return order.lines.filter((l) => drafts[l.id]?.selected && remainingOf(l) > 0);
}

/** The lines to assess / take: ticked, with a reason. */
export function intakeLines(order: Pick<OrderDetail, 'lines'>, drafts: Drafts): IntakeLineInput[] {
  return selectedLines(order, drafts).flatMap((line) => {
    const d = drafts[line.id]!;
    if (d.reasonCode === '') return [];
    return [
      {
        orderLineId: line.id,
        quantity: clampQuantity(d.quantity, remainingOf(line)),
        reasonCode: d.reasonCode,
        opened: d.opened,
        damaged: d.damaged,
        missingParts: d.missingParts,
      },
    ];
  });
}

/** At least one line ticked and every ticked line has its reason. */
export function intakeComplete(order: Pick<OrderDetail, 'lines'>, drafts: Drafts): boolean {
  const selected = selectedLines(order, drafts);
  return selected.length > 0 && selected.every((l) => drafts[l.id]!.reasonCode !== '');
}

/** A typed quantity: the text as typed, and the number it means on this line. */
export function typedQuantity(
  draft: LineDraft,
  text: string,
  remaining: number,
): Pick<LineDraft, 'quantity' | 'quantityText'> {
  if (text.trim() === '') return { quantity: draft.quantity, quantityText: '' };
  const quantity = clampQuantity(Number(text), remaining);
  return { quantity, quantityText: String(quantity) };
}
