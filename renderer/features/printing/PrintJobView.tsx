import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../../shared/contracts';
import { useSignedIn } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { isActionable, useJobAction } from './jobs';
import { describeTarget } from './targets';

/**
 * Retry and Cancel for a job a person can still act on (queued or failed); nothing for one
 * being sent, printed or cancelled. A refusal (e.g. INVALID_TRANSITION: it printed meanwhile)
 * is shown under the buttons.
 */
export function JobActions({
  job,
  onDone,
  small,
}: {
  job: PrintJob;
  onDone: (job: PrintJob) => void;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const { busy, error, run } = useJobAction(onDone);
  if (!isActionable(job) && !error) return null;
  const size = small ? ' btn--small' : '';
  return (
    <div className="print-job__actions">
      {isActionable(job) && (
        <div className="print-job__buttons">
          <button
            type="button"
            className={`btn btn--secondary${size}`}
            data-action="retry"
            disabled={busy !== null}
            onClick={() => void run('retry', job.id)}
          >
            {busy === 'retry' ? t('printing.retrying') : t('printing.retry')}
          </button>
          <button
            type="button"
            className={`btn btn--ghost${size}`}
            data-action="cancel"
            disabled={busy !== null}
            onClick={() => void run('cancel', job.id)}
          >
            {busy === 'cancel' ? t('printing.cancelling') : t('printing.cancel')}
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} timeZone={device.timeZone} />}
    </div>
  );
}

/** "Tries again at …" (the worker retries on its own) or "Waits for you" (a person must). */
export function NextAttempt({ job }: { job: PrintJob }) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  if (job.nextAttemptAt && isActionable(job))
    return (
      <p className="small muted print-job__next">
        {t('printing.nextAttempt', {
          time: formatDateTime(job.nextAttemptAt, i18n.language, device.timeZone),
        })}
      </p>
    );
  if (job.status === 'failed')
    return <p className="small print-job__next">{t('printing.waitsForYou')}</p>;
  return null;
}

/**
 * A label just sent to this till's printer: where it went, its live status, why it failed
 * (translated like any error) and what to do about it.
 */
export function PrintJobStatus({
  job,
  onChanged,
}: {
  job: PrintJob;
  onChanged: (job: PrintJob) => void;
}) {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  return (
    <div
      className={`print-job print-job--${job.status}`}
      data-testid="print-job-status"
      data-status={job.status}
      data-job-id={job.id}
    >
      <p className="print-job__target">
        {t('printing.sentTo', { printer: describeTarget(t, job.target) })}
      </p>
      <p className="print-job__status" role="status">
        <span className={`print-status print-status--${job.status}`}>
          {t(`printing.status.${job.status}`)}
        </span>
        {job.attempts > 1 && (
          <span className="small muted"> · {t('printing.attempts', { count: job.attempts })}</span>
        )}
      </p>
      {job.status === 'failed' && job.lastError && (
        <ErrorNotice error={job.lastError} timeZone={device.timeZone} testId="print-job-error" />
      )}
      <NextAttempt job={job} />
      <JobActions job={job} onDone={onChanged} />
    </div>
  );
}
