import { useEffect, useState } from 'react';
import type { AppErrorBody, CallOutput } from '../../../shared/contracts';
import { useApi } from '../../app/context';
import type { IntakeLineInput } from './intakeModel';

export type Assessment = CallOutput<'returns.assess'>;

/** Wait this long after the clerk's last change before asking the backend again. */
export const ASSESS_DEBOUNCE_MS = 250;

interface Answer {
  key: string;
  result: Assessment | null;
  error: AppErrorBody | null;
}

export interface AssessmentState {
  /** The lines changed and their verdicts are not back yet. */
  pending: boolean;
  /** The latest answer (possibly for an earlier version of the lines while pending). */
  result: Assessment | null;
  error: AppErrorBody | null;
}

/**
 * `returns.assess` for the lines as the clerk has them, debounced; answers to an earlier
 * version of the lines are dropped.
 */
export function useAssessment(orderId: string, lines: IntakeLineInput[]): AssessmentState {
  const api = useApi();
  const key = lines.length > 0 ? JSON.stringify(lines) : null;
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void api
        .call('returns.assess', { orderId, lines: JSON.parse(key) as IntakeLineInput[] })
        .then((reply) => {
          if (cancelled) return;
          setAnswer(
            reply.ok
              ? { key, result: reply.data, error: null }
              : { key, result: null, error: reply.error },
          );
        });
    }, ASSESS_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, orderId, key]);

  if (key === null) return { pending: false, result: null, error: null };
  const current = answer?.key === key;
  return {
    pending: !current,
    result: answer?.result ?? null,
    error: current ? (answer?.error ?? null) : null,
  };
}
