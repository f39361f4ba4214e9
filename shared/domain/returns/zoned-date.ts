/**
 * The few calendar helpers the return rules need. No date library is installed and the code
 * must run unchanged in Electron, the browser and the back office, so the zone conversion is
 * left to the platform's `Intl.DateTimeFormat` (which ships the IANA time-zone database) and
 * everything else is plain calendar arithmetic on `YYYY-MM-DD` strings.
 *
 * A "local date" is a day on the wall calendar of one zone, written `YYYY-MM-DD`. Strings of
 * this form compare correctly as text, which is how deadlines are compared below.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An instant must carry its zone (`Z` or `±hh:mm`). `Date.parse` reads a timestamp without
 * one as the *machine's* local time, which would make a deadline depend on the PC it runs on.
 */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an ISO 8601 instant; throws on anything ambiguous. */
export function parseInstant(iso: string): number {
  const match = ISO_INSTANT.exec(iso);
  if (!match) throw new RangeError(`not an ISO 8601 instant with a zone: ${iso}`);
  // Engines differ on more than three fraction digits; sub-millisecond precision is irrelevant.
  const fraction = match[2] ? `.${match[2].slice(0, 3).padEnd(3, '0')}` : '';
  const ms = Date.parse(`${match[1]}${fraction}${match[3]!.toUpperCase()}`);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${iso}`);
  return ms;
}

export function isLocalDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1000) return false; // Date.UTC maps years 0–99 to 1900–1999.
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function assertLocalDate(text: string): void {
  if (!isLocalDate(text)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${text}`);
}

/** Calendar date of a UTC day number, as `YYYY-MM-DD`. */
function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

function toUtcMs(localDate: string): number {
  assertLocalDate(localDate);
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

// Building a DateTimeFormat is slow; one per zone is kept. The cache changes no result.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is what we want.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-calendar date in `timeZone` at the instant `isoUtc`, as `YYYY-MM-DD`. */
export function localDateIn(timeZone: string, isoUtc: string): string {
  const parts = formatterFor(timeZone).formatToParts(parseInstant(isoUtc));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  assertLocalDate(text);
  return text;
}

/** `localDate` moved by `days` calendar days (negative goes back). No zone is involved. */
export function addDays(localDate: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromUtcMs(toUtcMs(localDate) + days * DAY_MS);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The latest of some local dates (text order is calendar order for `YYYY-MM-DD`). */
export function latestDate(...dates: string[]): string {
  if (dates.length === 0) throw new RangeError('latestDate needs at least one date');
  return dates.reduce((latest, d) => (d > latest ? d : latest));
}
