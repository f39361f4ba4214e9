import { useTranslation } from 'react-i18next';
import type { RefundRequest } from '../../../shared/contracts';
import { useSignedIn } from '../../app/context';
import { useCodes } from '../../lib/codes';
import { formatDateTime, formatMinor } from '../../lib/format';
import { BreakdownView } from './Breakdown';
import { ReasonList } from './ReasonList';

/** Tone of a refund's state on screen. */
export function refundTone(status: string): 'ok' | 'wait' | 'bad' | 'info' {
  if (status === 'approved' || status === 'refunded') return 'ok';
  if (status === 'pending_approval') return 'wait';
  if (status === 'denied' || status === 'rejected') return 'bad';
  return 'info';
}

/**
 * One refund request: its state, what it pays per line, and why it was approved at once or
 * waits for a manager; the manager's decision once there is one.
 */
export function RefundRequestView({
  request,
  showRma,
}: {
  request: RefundRequest;
  /** In the managers' queue the request stands alone, so it names its return. */
  showRma?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const codes = useCodes();
  const locale = i18n.language;
  const when = (iso: string) => formatDateTime(iso, locale, device.timeZone);
  const money = (minor: number) => formatMinor(minor, request.amount.currency, locale);
  const { approval } = request;

  return (
    <div className="refund" data-refund-id={request.id}>
      <div className="refund__head">
        <p
          className={`status-chip status-chip--${refundTone(request.status)}`}
          data-testid="refund-status"
          data-status={request.status}
        >
          {codes.refundStatus(request.status)}
        </p>
        <p className="refund__total">
          {showRma
            ? t('approvals.request', {
                amount: money(request.amount.totalMinor),
                rma: request.rmaNumber,
              })
            : money(request.amount.totalMinor)}
        </p>
      </div>
      {showRma && <p className="muted">{t('approvals.store', { code: request.storeCode })}</p>}
      <AmazonOutcome request={request} />
      <ul className="refund__lines">
        {request.lines.map((line) => (
          <li key={line.returnLineId}>
            <span>
              {line.title} · {t('refunds.units', { count: line.units })}
            </span>
            <span className="num">{money(line.amount.totalMinor)}</span>
          </li>
        ))}
      </ul>
      <BreakdownView amount={request.amount} />
      {request.decision === 'auto_approved' ? (
        <p className="muted">{t('refunds.autoApproved')}</p>
      ) : (
        <div className="refund__reasons" data-testid="refund-reasons">
          <p className="refund__reasons-title">{t('refunds.needsManager')}</p>
          <ReasonList reasons={request.decisionReasons} />
        </div>
      )}
      {request.adjustmentReason && (
        <p className="muted">{t('refunds.adjusted', { reason: request.adjustmentReason })}</p>
      )}
      <p className="muted small">
        {t('refunds.requestedBy', { name: request.requestedBy, time: when(request.requestedAt) })}
      </p>
      {approval &&
        (approval.method === 'policy' ? (
          <p className="muted small">
            {t('refunds.decidedByPolicy', {
              policy: `${request.policyId} v${request.policyVersion}`,
              time: when(approval.decidedAt),
            })}
          </p>
        ) : (
          <div className="refund__decision" data-testid="refund-decision">
            <p>
              {t('refunds.decidedBy', {
                decision: codes.refundStatus(approval.decision),
                name: approval.decidedBy ?? t('app.system'),
                method: codes.refundMethod(approval.method),
                time: when(approval.decidedAt),
              })}
            </p>
            {approval.comment && (
              <p className="muted">{t('refunds.decisionComment', { comment: approval.comment })}</p>
            )}
            {approval.method === 'offline_code' && (
              <p
                className={`status-chip status-chip--${approval.confirmedAt ? 'ok' : 'wait'}`}
                data-testid="offline-approval-state"
                data-state={approval.confirmedAt ? 'confirmed' : 'awaiting'}
              >
                {approval.confirmedAt
                  ? t('refunds.offline.confirmed', { time: when(approval.confirmedAt) })
                  : t('refunds.offline.awaiting')}
              </p>
            )}
          </div>
        ))}
    </div>
  );
}

/** What Amazon made of the refund once the back office submitted it. */
function AmazonOutcome({ request }: { request: RefundRequest }) {
  const { t } = useTranslation();
  let text: string | null = null;
  if (request.status === 'submitted') text = t('refunds.amazon.submitted');
  else if (request.status === 'refunded')
    text = request.amazonAdjustmentId
      ? t('refunds.amazon.refunded', { id: request.amazonAdjustmentId })
      : t('refunds.amazon.refundedNoId');
  else if (request.status === 'rejected')
    text = request.rejectionReason
      ? t('refunds.amazon.rejected', { reason: request.rejectionReason })
      : t('refunds.amazon.rejectedNoReason');
  if (!text) return null;
  return (
    <p
      className={`refund__amazon status-chip status-chip--${refundTone(request.status)}`}
      data-testid="refund-amazon-outcome"
      data-status={request.status}
      data-adjustment-id={request.amazonAdjustmentId ?? undefined}
    >
      {text}
    </p>
  );
}
