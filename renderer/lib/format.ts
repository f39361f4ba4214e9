import { CURRENCY_DIGITS, formatMoney, type Currency, type Money } from '../../shared/domain/money';
import {
  MARKETPLACES,
  marketplaceById,
  type MarketplaceCode,
} from '../../shared/domain/marketplaces';

/** A UTC instant shown in a given time zone (the store's), in the UI language. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(date);
  } catch {
    // An unknown time zone must not break a screen: show UTC, marked as such.
    return `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
  }
}

export function formatAmount(m: Money, locale: string): string {
  return formatMoney(m, locale);
}

export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** Orders name their marketplace by code (`US`) or by Amazon's marketplace id. */
export function marketplaceCode(value: string): MarketplaceCode | null {
  if (Object.hasOwn(MARKETPLACES, value)) return value as MarketplaceCode;
  return marketplaceById(value) ?? null;
}

/** A calendar day (`YYYY-MM-DD`, e.g. a marketplace's return-by date) in the UI language. */
export function formatDay(day: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Basis points as a percentage: 1500 → "15%". */
export function formatBps(bps: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

/** Minor units of a currency shown as a plain decimal for an input field: 1234 USD → "12.34". */
export function minorToInput(amountMinor: number, currency: Currency): string {
  const digits = CURRENCY_DIGITS[currency];
  if (digits === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = String(abs % 10 ** digits).padStart(digits, '0');
  return `${sign}${whole}.${frac}`;
}

/**
 * A typed amount ("12.5", "12,50", "1200") as integer minor units, or null when it is not a
 * non-negative amount with at most the currency's decimals. Never goes through a float.
 */
export function parseAmountInput(text: string, currency: Currency): number | null {
  const digits = CURRENCY_DIGITS[currency];
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(CURRENCY_DIGITS, value);
}

/** Minor units in a currency named by a string from the backend (unknown ones shown raw). */
export function formatMinor(amountMinor: number, currency: string, locale: string): string {
  return isCurrency(currency)
    ? formatMoney({ amountMinor, currency }, locale)
    : `${amountMinor} ${currency}`;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** How long ago an instant was, in the UI language: "2 minutes ago", "刚刚"-style "now". */
export function formatRelative(iso: string, locale: string, nowMs: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  let value = (then - nowMs) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}
