import { CURRENCY_DIGITS, type Currency } from '../../../shared/domain/money';

/**
 * Amazon writes money as decimal text ("49.99", Orders 2026) or JSON numbers (Finances v0); we
 * keep integer minor units. Conversion is done on the digits, never through float arithmetic.
 */
export function isKnownCurrency(code: string): code is Currency {
  return Object.hasOwn(CURRENCY_DIGITS, code);
}

export function decimalToMinor(amount: string | number, currency: Currency): number {
  const text = typeof amount === 'number' ? numberToPlainText(amount) : amount.trim();
  const match = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const digits = CURRENCY_DIGITS[currency];
  const fraction = match[3] ?? '';
  if (fraction.slice(digits).replace(/0/g, '') !== '') {
    throw new RangeError(`${text} has more than ${digits} decimals for ${currency}`);
  }
  const minor = Number((match[2] ?? '0') + fraction.slice(0, digits).padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${text}`);
  return match[1] === '-' ? -minor : minor;
}

export function minorToDecimal(minor: number, currency: Currency): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  const digits = CURRENCY_DIGITS[currency];
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

function numberToPlainText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  // Shortest round-trip text; amounts never need exponent notation (|x| < 1e21, >= 1e-6 cents).
  const text = String(value);
  if (/e/i.test(text)) return value.toFixed(6);
  return text;
}
