import { formatRmaNumber, localDateIn } from '../../../shared/domain/returns';
import { statement } from '../../../db/statements';
import type { HandlerContext } from '../context';

/**
 * The next RMA number of this till: store code, device code, the store's local date and a
 * daily sequence kept per device — unique across the chain without asking anyone.
 */
export function nextRmaNumber(ctx: HandlerContext): string {
  const localDate = localDateIn(ctx.device.timeZone, ctx.nowIso());
  const row = statement(
    ctx.db.$client,
    `INSERT INTO rma_sequences (device_id, local_date, last_sequence) VALUES (?, ?, 1)
     ON CONFLICT (device_id, local_date) DO UPDATE SET last_sequence = last_sequence + 1
     RETURNING last_sequence AS sequence`,
  ).get(ctx.device.id, localDate) as { sequence: number };
  return formatRmaNumber({
    storeCode: ctx.device.storeCode,
    deviceCode: ctx.device.code,
    localDate,
    sequence: row.sequence,
  });
}
