import { useCallback, useEffect, useState } from 'react';
import type { AppErrorBody, PrintJob, PrintJobStatus } from '../../../shared/contracts';
import { useApi } from '../../app/context';

/** How many jobs the queue screen lists (the contract's default). */
export const QUEUE_LIMIT = 50;

/** Jobs a person can still act on: retry (send again / now) or cancel. */
export const ACTIONABLE: readonly PrintJobStatus[] = ['queued', 'failed'];
/** Jobs not finished yet: what a return's label panel looks for when it opens. */
export const ACTIVE: PrintJobStatus[] = ['queued', 'sending', 'failed'];

export function isActionable(job: PrintJob): boolean {
  return ACTIONABLE.includes(job.status);
}

/** Is `candidate` at least as recent a state of the same job as `current`? */
function notOlder(candidate: PrintJob, current: PrintJob): boolean {
  return candidate.updatedAt >= current.updatedAt;
}

/** Newest first, as `printers.queue` lists them. */
function byNewest(a: PrintJob, b: PrintJob): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * A job's new state merged into a list: an older state (an event overtaken by a call's
 * answer, or the other way round) never replaces a newer one; a job that left the statuses
 * the list shows leaves the list.
 */
export function applyJob(
  jobs: readonly PrintJob[],
  job: PrintJob,
  statuses: readonly PrintJobStatus[] | null,
): PrintJob[] {
  const current = jobs.find((j) => j.id === job.id);
  if (current && !notOlder(job, current)) return [...jobs];
  const rest = jobs.filter((j) => j.id !== job.id);
  if (statuses && !statuses.includes(job.status)) return rest;
  return [...rest, job].sort(byNewest);
}

/**
 * The job a return's label panel shows: the newest job for the return, in its latest state.
 * `current` null: the first one seen.
 */
export function pickJob(current: PrintJob | null, job: PrintJob): PrintJob {
  if (!current) return job;
  if (current.id === job.id) return notOlder(job, current) ? job : current;
  return byNewest(job, current) <= 0 ? job : current;
}

export type QueueState =
  | { status: 'loading'; jobs: null; error: null }
  | { status: 'ok'; jobs: PrintJob[]; error: null }
  | { status: 'error'; jobs: null; error: AppErrorBody };

/**
 * This till's print jobs (`printers.queue`, optionally only some statuses), kept current by
 * `print.jobChanged`. Events that arrive while the list loads are applied to it once it is
 * there, so a change between the read and its answer is not lost. No polling.
 */
export function usePrintQueue(statuses?: readonly PrintJobStatus[]) {
  const api = useApi();
  const key = statuses ? statuses.join(',') : null;
  const [state, setState] = useState<QueueState>({ status: 'loading', jobs: null, error: null });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const wanted = key === null ? null : (key.split(',') as PrintJobStatus[]);
    let cancelled = false;
    let loaded = false;
    const early: PrintJob[] = [];
    const off = api.on('print.jobChanged', (job) => {
      if (!loaded) {
        early.push(job);
        return;
      }
      setState((s) =>
        s.status === 'ok' ? { status: 'ok', jobs: applyJob(s.jobs, job, wanted), error: null } : s,
      );
    });
    void api
      .call(
        'printers.queue',
        wanted ? { status: wanted, limit: QUEUE_LIMIT } : { limit: QUEUE_LIMIT },
      )
      .then((answer) => {
        if (cancelled) return;
        loaded = true;
        if (!answer.ok) {
          setState({ status: 'error', jobs: null, error: answer.error });
          return;
        }
        const jobs = early.reduce<PrintJob[]>(
          (list, job) => applyJob(list, job, wanted),
          answer.data.jobs,
        );
        setState({ status: 'ok', jobs, error: null });
      });
    return () => {
      cancelled = true;
      off();
    };
  }, [api, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  /** A job's state from a call's answer (retry, cancel): applied like an event. */
  const update = useCallback(
    (job: PrintJob) => {
      const wanted = key === null ? null : (key.split(',') as PrintJobStatus[]);
      setState((s) =>
        s.status === 'ok' ? { status: 'ok', jobs: applyJob(s.jobs, job, wanted), error: null } : s,
      );
    },
    [key],
  );
  return { ...state, reload, update };
}

export type JobAction = 'retry' | 'cancel';

/** Retry or cancel one job (`printers.retry` / `printers.cancel`), with its busy and error state. */
export function useJobAction(onDone: (job: PrintJob) => void) {
  const api = useApi();
  const [busy, setBusy] = useState<JobAction | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);

  const run = async (action: JobAction, jobId: string) => {
    if (busy) return;
    setBusy(action);
    setError(null);
    const answer = await api.call(action === 'retry' ? 'printers.retry' : 'printers.cancel', {
      jobId,
    });
    setBusy(null);
    if (answer.ok) onDone(answer.data);
    else setError(answer.error);
  };

  return { busy, error, run };
}

/**
 * The RMA label job a return's label panel shows, live: the newest unfinished one for the
 * return when the panel opens (a label that failed earlier), then whatever `labels.print`
 * queues (`offer` its `printJob`) and every `print.jobChanged` for the return. An event that
 * overtakes the print's answer is kept: an older state never replaces a newer one.
 */
export function useReturnPrintJob(returnId: string, enabled: boolean) {
  const api = useApi();
  const [job, setJob] = useState<PrintJob | null>(null);
  const offer = useCallback((next: PrintJob) => setJob((current) => pickJob(current, next)), []);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const ours = (j: PrintJob) => j.returnId === returnId && j.kind === 'rma_label';
    const off = api.on('print.jobChanged', (j) => {
      if (ours(j)) offer(j);
    });
    void api.call('printers.queue', { status: ACTIVE, limit: QUEUE_LIMIT }).then((answer) => {
      // Without the queue the panel still shows what this print queues; nothing to report.
      if (cancelled || !answer.ok) return;
      for (const j of answer.data.jobs) if (ours(j)) offer(j);
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [api, returnId, enabled, offer]);

  return { job, offer };
}
