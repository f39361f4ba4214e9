import { formatMoney, type Money } from '../../shared/domain/money';
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
