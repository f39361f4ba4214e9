/**
 * Where a returned unit goes after inspection. Returned goods reach stock only through an
 * inspection and one of these (RETURNS-DOMAIN.md, "lessons").
 */
export const DISPOSITIONS = [
  /** Back on this store's shelf. */
  'RESTOCK_STORE',
  /** To the chain's returns warehouse: relisted on Amazon (new or used) or liquidated. */
  'SEND_TO_WAREHOUSE',
  /** Back to the manufacturer or distributor for credit. */
  'RETURN_TO_VENDOR',
  'REFURBISH',
  /** Destroyed or recycled (WEEE and batteries through the proper channel). */
  'DESTROY_RECYCLE',
] as const;

export type Disposition = (typeof DISPOSITIONS)[number];

export function isDisposition(s: unknown): s is Disposition {
  return typeof s === 'string' && (DISPOSITIONS as readonly string[]).includes(s);
}
