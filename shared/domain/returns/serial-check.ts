/**
 * Does the serial number scanned at the counter match the one Amazon shipped? Compared without
 * case and whitespace, because labels are printed in either case and scanners or clerks add
 * spaces. Hyphens count: some makers use them to tell serials apart.
 *
 * - not_applicable: the order line has no serial (not a serialised product);
 * - missing: it has one but nothing was scanned (the unit's label may be gone — a risk signal);
 * - match / mismatch.
 */
export type SerialCheck = 'match' | 'mismatch' | 'not_applicable' | 'missing';

export function normalizeSerial(serial: string): string {
  return serial.replace(/\s+/g, '').toUpperCase();
}

export function checkSerial(expected: string | null, scanned: string | null): SerialCheck {
  const want = expected === null ? '' : normalizeSerial(expected);
  if (want === '') return 'not_applicable';
  const got = scanned === null ? '' : normalizeSerial(scanned);
  if (got === '') return 'missing';
  return want === got ? 'match' : 'mismatch';
}
