import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../../shared/contracts';
import { useRouter, useSignedIn } from '../../app/context';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { useErrorLines } from '../../components/ErrorNotice';
import { formatDateTime, formatNumber } from '../../lib/format';
import { usePrintQueue } from './jobs';
import { JobActions, NextAttempt } from './PrintJobView';
import { describeTarget } from './targets';

const FAILED = ['failed'] as const;

/** The queue's rows and the failures card read a `QueueState` the same way. */
function asCallState(queue: ReturnType<typeof usePrintQueue>) {
  return queue.status === 'ok'
    ? { status: 'ok' as const, data: queue.jobs, error: null }
    : queue.status === 'error'
      ? { status: 'error' as const, data: null, error: queue.error }
      : { status: 'loading' as const, data: null, error: null };
}

/** What a job printed: its return's RMA number (a link to the return) or its manifest. */
function JobSubject({ job }: { job: PrintJob }) {
  const { t } = useTranslation();
  const go = useRouter((s) => s.go);
  const { user } = useSignedIn();
  if (job.kind === 'manifest')
    return (
      <span className="mono">{t('printing.queue.manifest', { id: job.manifestId ?? '' })}</span>
    );
  const rma = job.rmaNumber ?? '';
  const returnId = job.returnId;
  if (returnId && user.permissions.includes('returns.read'))
    return (
      <button
        type="button"
        className="link-button mono"
        aria-label={t('printing.failures.openReturn', { rma })}
        onClick={() => go({ name: 'return', returnId })}
      >
        {rma}
      </button>
    );
  return <span className="mono">{rma}</span>;
}

/** The last error as a person reads it; the backend's words as a tooltip. */
function LastError({ job }: { job: PrintJob }) {
  const error = job.lastError ?? { code: 'INTERNAL' as const, message: '' };
  const [headline] = useErrorLines(error);
  if (!job.lastError) return null;
  return (
    <span
      className="print-queue__error"
      data-code={job.lastError.code}
      title={job.lastError.message}
    >
      {headline}
    </span>
  );
}

function QueueRow({ job, onChanged }: { job: PrintJob; onChanged: (job: PrintJob) => void }) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  return (
    <tr data-testid="print-job" data-job-id={job.id} data-status={job.status}>
      <td>
        <JobSubject job={job} />
        <span className="small muted print-queue__kind">{t(`printing.kindName.${job.kind}`)}</span>
      </td>
      <td>{describeTarget(t, job.target)}</td>
      <td>
        <span className={`print-status print-status--${job.status}`}>
          {t(`printing.status.${job.status}`)}
        </span>
      </td>
      <td className="num">{formatNumber(job.attempts, i18n.language)}</td>
      <td>
        <LastError job={job} />
      </td>
      <td>
        {job.nextAttemptAt && (
          <time dateTime={job.nextAttemptAt}>
            {formatDateTime(job.nextAttemptAt, i18n.language, device.timeZone)}
          </time>
        )}
      </td>
      <td className="actions">
        <JobActions job={job} onDone={onChanged} small />
      </td>
    </tr>
  );
}

/** Every job of this till, newest first, live from `print.jobChanged`, with Retry / Cancel. */
export function PrintQueue() {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const queue = usePrintQueue();
  return (
    <Card title={t('printing.queue.title')} className="card--wide" testId="print-queue">
      <CallView state={asCallState(queue)} reload={queue.reload} timeZone={device.timeZone}>
        {(jobs) =>
          jobs.length === 0 ? (
            <p className="muted">{t('printing.queue.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table--dense print-queue">
                <caption className="table__caption">
                  {t('printing.queue.caption', { timeZone: device.timeZone })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('printing.queue.what')}</th>
                    <th scope="col">{t('printing.queue.printer')}</th>
                    <th scope="col">{t('printing.queue.status')}</th>
                    <th scope="col" className="num">
                      {t('printing.queue.attempts')}
                    </th>
                    <th scope="col">{t('printing.queue.lastError')}</th>
                    <th scope="col">{t('printing.queue.nextAttempt')}</th>
                    <th scope="col" className="actions">
                      {t('printing.queue.actions')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.map((job) => (
                    <QueueRow key={job.id} job={job} onChanged={queue.update} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </CallView>
    </Card>
  );
}

/**
 * The home screen's warning: labels of this till that did not print, each with Retry /
 * Cancel. Shows nothing while there are none (or the queue cannot be read: the return's own
 * label panel still says so).
 */
export function FailedPrints() {
  const { t } = useTranslation();
  const queue = usePrintQueue(FAILED);
  if (queue.status !== 'ok' || queue.jobs.length === 0) return null;
  return (
    <Card title={t('printing.failures.title')} className="print-failures" testId="print-failures">
      <p className="notice notice--warning">
        {t('printing.failures.intro', { count: queue.jobs.length })}
      </p>
      <ul className="print-failures__list">
        {queue.jobs.map((job) => (
          <FailedItem key={job.id} job={job} onChanged={queue.update} />
        ))}
      </ul>
    </Card>
  );
}

function FailedItem({ job, onChanged }: { job: PrintJob; onChanged: (job: PrintJob) => void }) {
  const { t } = useTranslation();
  return (
    <li
      className="print-failures__item"
      data-testid="print-job"
      data-job-id={job.id}
      data-status={job.status}
    >
      <div className="print-failures__what">
        <JobSubject job={job} />
        <span className="small muted">{describeTarget(t, job.target)}</span>
      </div>
      <p className="small">
        <LastError job={job} />
      </p>
      <NextAttempt job={job} />
      <JobActions job={job} onDone={onChanged} small />
    </li>
  );
}
