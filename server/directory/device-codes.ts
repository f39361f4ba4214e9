/**
 * Device codes within a store: A…Z, then AA…ZZ (702 tills per store). A desktop's own
 * preference wins when free, so RMA numbers it made before enrolling keep their letter.
 */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function* allDeviceCodes(): Generator<string> {
  for (const a of LETTERS) yield a;
  for (const a of LETTERS) for (const b of LETTERS) yield a + b;
}

export function chooseDeviceCode(taken: ReadonlySet<string>, preferred?: string): string | null {
  if (preferred && !taken.has(preferred)) return preferred;
  for (const code of allDeviceCodes()) if (!taken.has(code)) return code;
  return null;
}
