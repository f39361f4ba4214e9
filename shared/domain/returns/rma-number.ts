import { isLocalDate } from './zoned-date';

export { localDateIn } from './zoned-date';

/**
 * Human RMA numbers, unique without a network (DESIGN.md §4): store code, device code, the
 * store's local date and a per-device daily sequence, e.g. `NY01-A-261121-0042`. Two tills
 * never collide because device codes are unique within a store; one till never collides with
 * itself because the sequence is kept per device and day.
 *
 * Store codes are 2–8 capitals or digits (NY01); device codes one or two capitals (the
 * devices table). The date is YYMMDD and read back as 20YY: fine until 2099.
 */
export const RMA_NUMBER_PATTERN = /^([A-Z0-9]{2,8})-([A-Z]{1,2})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export const MAX_RMA_SEQUENCE = 9999;

export interface RmaNumberParts {
  storeCode: string;
  deviceCode: string;
  /** YYYY-MM-DD in the store's time zone. */
  localDate: string;
  /** 1 … 9999 */
  sequence: number;
}

const STORE_CODE = /^[A-Z0-9]{2,8}$/;
const DEVICE_CODE = /^[A-Z]{1,2}$/;

/** Throws RangeError for parts that would not parse back, and past 9999 RMAs a day. */
export function formatRmaNumber(parts: RmaNumberParts): string {
  const { storeCode, deviceCode, localDate, sequence } = parts;
  if (!STORE_CODE.test(storeCode)) throw new RangeError(`bad store code for an RMA: ${storeCode}`);
  if (!DEVICE_CODE.test(deviceCode)) {
    throw new RangeError(`bad device code for an RMA: ${deviceCode}`);
  }
  if (!isLocalDate(localDate) || !localDate.startsWith('20')) {
    throw new RangeError(`RMA dates are YYYY-MM-DD in 2000–2099, got ${localDate}`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_RMA_SEQUENCE) {
    // Wrapping round would reuse a number; a till doing 10 000 returns a day is a fault.
    throw new RangeError(`RMA sequence must be 1…${MAX_RMA_SEQUENCE}, got ${sequence}`);
  }
  const yymmdd = localDate.slice(2).replaceAll('-', '');
  return `${storeCode}-${deviceCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of an RMA number, or null if it is not one (scans may be noisy). */
export function parseRmaNumber(s: string): RmaNumberParts | null {
  const match = RMA_NUMBER_PATTERN.exec(s);
  if (!match) return null;
  const [, storeCode, deviceCode, yy, mm, dd, seq] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const localDate = `20${yy}-${mm}-${dd}`;
  const sequence = Number(seq);
  if (!isLocalDate(localDate) || sequence < 1) return null;
  return { storeCode, deviceCode, localDate, sequence };
}
