/**
 * Rounding for money held as integer minor units. Rates are given as integer ratios so that no
 * amount ever passes through a binary fraction (0.19 has no exact float).
 */

/** `numerator / denominator` rounded half up; both non-negative integers, result a safe integer. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0) {
    throw new RangeError(`numerator must be a non-negative safe integer, got ${numerator}`);
  }
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`denominator must be a positive safe integer, got ${denominator}`);
  }
  if (!Number.isSafeInteger(numerator * 2 + denominator)) {
    throw new RangeError(`${numerator} / ${denominator} is too large to round exactly`);
  }
  const a = numerator * 2 + denominator;
  const b = denominator * 2;
  // Float division can land one off for large values; correct with the exact remainder.
  let q = Math.floor(a / b);
  if (q * b > a) q -= 1;
  else if ((q + 1) * b <= a) q += 1;
  return q;
}

/** `amount × rate / scale`, rounded half up (e.g. sales tax at `rate` parts per `scale`). */
export function applyRate(amountMinor: number, rate: number, scale: number): number {
  return divRoundHalfUp(amountMinor * rate, scale);
}

/** `amount` rounded half up to a multiple of `step`. */
export function roundToStep(amount: number, step: number): number {
  return divRoundHalfUp(amount, step) * step;
}
