import { type Clock } from '../rate-limit/clock';
import { SpApiProcessingError } from './errors';
import { type ProcessingStatus } from './schemas';

export interface PollOptions {
  /** Between polls; the rate limiter may stretch it further. Default 15 s. */
  intervalMs?: number;
  /** Give up (typed error, the job can resume later by id). Default 1 h. */
  timeoutMs?: number;
}

/** Polls a report or feed until it reaches DONE; FATAL/CANCELLED/timeout are typed errors. */
export async function pollUntilDone<T extends { processingStatus: ProcessingStatus }>(
  kind: 'report' | 'feed',
  id: string,
  fetchStatus: () => Promise<T>,
  documentIdOf: (item: T) => string | undefined,
  clock: Clock,
  options: PollOptions = {},
): Promise<T> {
  const deadline = clock.now() + (options.timeoutMs ?? 3600_000);
  for (;;) {
    const item = await fetchStatus();
    if (item.processingStatus === 'DONE') return item;
    if (item.processingStatus === 'FATAL' || item.processingStatus === 'CANCELLED') {
      throw new SpApiProcessingError(kind, id, item.processingStatus, documentIdOf(item) ?? null);
    }
    if (clock.now() >= deadline) {
      throw new SpApiProcessingError(kind, id, `still ${item.processingStatus}`, null);
    }
    await clock.sleep(options.intervalMs ?? 15_000);
  }
}
