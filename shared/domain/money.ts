/**
 * Money is an integer count of minor units plus an ISO 4217 currency. Never a float.
 */
export const CURRENCY_DIGITS = { USD: 2, CAD: 2, MXN: 2, GBP: 2, EUR: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCY_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_DIGITS) as Currency[];

export interface Money {
  amountMinor: number;
  currency: Currency;
}

export function money(amountMinor: number, currency: Currency): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  }
  return { amountMinor, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function sumMoney(items: readonly Money[], currency: Currency): Money {
  return items.reduce((total, item) => addMoney(total, item), money(0, currency));
}

/** Formats for display in a locale; the only place minor units become a decimal. */
export function formatMoney(m: Money, locale: string): string {
  const digits = CURRENCY_DIGITS[m.currency];
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(m.amountMinor / 10 ** digits);
}
