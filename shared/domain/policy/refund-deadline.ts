import { MARKETPLACES, type MarketplaceCode } from '../marketplaces';
import { addDays, localDateIn, parseInstant } from '../returns/zoned-date';

/**
 * The refund deadline (RETURNS-DOMAIN.md: a refund is due within two business days of receiving
 * the item — *unconfirmed*, so the count is a policy rule): business days in the marketplace's
 * calendar (its time zone; weekends and the policy's holidays are not business days). Due by the
 * end of the last business day, local time.
 */

function isBusinessDay(localDate: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(localDate);
}

/** The local date the refund is due, counting business days after the day the item arrived. */
export function refundDueDate(input: {
  receivedAt: string;
  marketplace: MarketplaceCode;
  businessDays: number;
  holidays: readonly string[];
}): string {
  const holidays = new Set(input.holidays);
  let date = localDateIn(MARKETPLACES[input.marketplace].timeZone, input.receivedAt);
  let left = input.businessDays;
  while (left > 0) {
    date = addDays(date, 1);
    if (isBusinessDay(date, holidays)) left -= 1;
  }
  return date;
}

/** How far ahead of UTC the zone's wall clock is at an instant (ms; negative west of UTC). */
function zoneOffsetMs(timeZone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(atMs);
  const n = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(
    n('year'),
    n('month') - 1,
    n('day'),
    n('hour'),
    n('minute'),
    n('second'),
  );
  return wallAsUtc - Math.floor(atMs / 1000) * 1000;
}

/** The UTC instant a local date ends in a time zone (the first instant of the next local day). */
export function endOfLocalDay(localDate: string, timeZone: string): number {
  const midnightAsUtc = Date.parse(`${addDays(localDate, 1)}T00:00:00Z`);
  // Two rounds settle the offset even when midnight is near a daylight-saving change.
  let instant = midnightAsUtc - zoneOffsetMs(timeZone, midnightAsUtc);
  instant = midnightAsUtc - zoneOffsetMs(timeZone, instant);
  return instant;
}

export type DeadlineStatus = 'on_time' | 'due_soon' | 'overdue';

/** Where a refund stands against the instant it is due, alerting `alertHours` before. */
export function deadlineUrgency(
  dueAtMs: number,
  alertHours: number,
  nowMs: number,
): DeadlineStatus {
  if (nowMs >= dueAtMs) return 'overdue';
  return nowMs >= dueAtMs - alertHours * 3_600_000 ? 'due_soon' : 'on_time';
}

export function deadlineStatus(input: {
  dueDate: string;
  marketplace: MarketplaceCode;
  alertHours: number;
  now: string;
}): { status: DeadlineStatus; dueAt: string } {
  const dueAtMs = endOfLocalDay(input.dueDate, MARKETPLACES[input.marketplace].timeZone);
  const nowMs = parseInstant(input.now);
  const status = deadlineUrgency(dueAtMs, input.alertHours, nowMs);
  return { status, dueAt: new Date(dueAtMs).toISOString() };
}
