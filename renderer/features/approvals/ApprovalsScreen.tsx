import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundRequest } from '../../../shared/contracts';
import { useRouter, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { RefundRequestView } from '../refunds/RefundRequestView';
import { DecisionForm } from './DecisionForm';
import { PhoneApprovalCard } from './PhoneApprovalCard';
import { APPROVAL_TABLES } from '../sync/tables';

/**
 * A manager's own queue: refund requests in their stores that wait for a manager, decided
 * with their own session (no PIN grant).
 */
export function ApprovalsScreen() {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const queue = useCall('approvals.queue', {}, { refreshOn: APPROVAL_TABLES });
  const [done, setDone] = useState<RefundRequest | null>(null);

  return (
    <div className="screen approvals-screen" data-testid="approvals-screen">
      <h1 className="screen__title">{t('approvals.title')}</h1>
      {done && done.approval && (
        <p role="status" className="notice notice--success">
          {t(`approvals.decided.${done.approval.decision}`, { rma: done.rmaNumber })}
        </p>
      )}
      <Card title={t('approvals.queueTitle')} testId="approval-queue">
        <CallView state={queue} reload={queue.reload} timeZone={device.timeZone}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted">{t('approvals.empty')}</p>
            ) : (
              <ul className="queue">
                {rows.map((request) => (
                  <QueueItem
                    key={request.id}
                    request={request}
                    onDecided={(decided) => {
                      setDone(decided);
                      queue.reload();
                    }}
                  />
                ))}
              </ul>
            )
          }
        </CallView>
      </Card>
      <PhoneApprovalCard />
    </div>
  );
}

function QueueItem({
  request,
  onDecided,
}: {
  request: RefundRequest;
  onDecided: (request: RefundRequest) => void;
}) {
  const { t } = useTranslation();
  const go = useRouter((s) => s.go);
  return (
    <li
      className="queue__item"
      data-testid="approval-item"
      data-refund-id={request.id}
      aria-label={request.rmaNumber}
    >
      <div className="queue__request">
        <RefundRequestView request={request} showRma />
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => go({ name: 'return', returnId: request.returnId })}
        >
          {t('approvals.openReturn', { rma: request.rmaNumber })}
        </button>
      </div>
      <DecisionForm request={request} onDecided={onDecided} />
    </li>
  );
}

/** Home card: how many refunds wait for this manager, and the way to them. */
export function PendingApprovals() {
  const { t } = useTranslation();
  const go = useRouter((s) => s.go);
  const queue = useCall('approvals.queue', {}, { refreshOn: APPROVAL_TABLES });
  return (
    <Card
      title={t('nav.approvals')}
      className="card--wide"
      testId="pending-approvals"
      actions={
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => go({ name: 'approvals' })}
        >
          {t('home.region.openApprovals')}
        </button>
      }
    >
      <CallView state={queue} reload={queue.reload}>
        {(rows) => (
          <>
            <p className="big-number">
              {t('home.region.pendingApprovals', { count: rows.length })}
            </p>
            <p className="muted">{t('home.region.approvalsNote')}</p>
          </>
        )}
      </CallView>
    </Card>
  );
}
