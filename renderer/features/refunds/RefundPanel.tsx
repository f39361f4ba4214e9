import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppErrorBody,
  CallInput,
  RefundRequest,
  ReturnDetail,
} from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isCurrency, minorToInput, parseAmountInput } from '../../lib/format';
import { newId } from '../../lib/ids';
import { ApprovalDialog } from '../approvals/ApprovalDialog';
import { OfflineCodePanel } from './OfflineCodePanel';
import { RefundRequestView } from './RefundRequestView';
import { ReasonField } from '../../components/ReasonField';

const DEAD = new Set(['denied', 'rejected']);
export const MIN_ADJUSTMENT_REASON = 3;

/** Lines of the return with no live refund request yet (denied ones may be asked again). */
export function refundableLines(detail: ReturnDetail): ReturnDetail['lines'] {
  const requested = new Set(
    detail.refunds
      .filter((r) => !DEAD.has(r.status))
      .flatMap((r) => r.lines.map((l) => l.returnLineId)),
  );
  return detail.lines.filter((l) => l.state !== 'cancelled' && !requested.has(l.id));
}

/**
 * Ask for the refund of the return's lines (in full by default, or lower with a reason), then
 * show what the policy said: approved at once, or waiting for a manager and why. A manager
 * can decide right here with their PIN.
 */
export function RefundPanel({
  detail,
  onChanged,
  autoFocus,
}: {
  detail: ReturnDetail;
  onChanged: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useSignedIn();
  const id = useId();
  const open = refundableLines(detail);
  const canRequest = user.permissions.includes('refunds.request') && open.length > 0;
  const [adjusting, setAdjusting] = useState(false);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [approving, setApproving] = useState<RefundRequest | null>(null);
  const [byCode, setByCode] = useState<string | null>(null);
  const requestId = useRef(newId());
  const currency = detail.order.currency;
  const example = isCurrency(currency) ? minorToInput(1250, currency) : '12.50';

  const request = async () => {
    if (busy) return;
    setError(null);
    setInvalid(null);
    const allOpen = open.length === detail.lines.filter((l) => l.state !== 'cancelled').length;
    let lines: CallInput<'refunds.request'>['lines'];
    if (adjusting) {
      lines = [];
      for (const line of open) {
        const text = amounts[line.id]?.trim() ?? '';
        if (text === '') {
          lines.push({ returnLineId: line.id });
          continue;
        }
        const minor = isCurrency(currency) ? parseAmountInput(text, currency) : null;
        if (minor === null) {
          setInvalid(line.id);
          return;
        }
        lines.push({ returnLineId: line.id, totalMinor: minor });
      }
    } else if (!allOpen) {
      lines = open.map((l) => ({ returnLineId: l.id }));
    }
    const adjustmentReason = reason.trim();
    setBusy(true);
    const answer = await api.call('refunds.request', {
      id: requestId.current,
      returnId: detail.id,
      ...(lines ? { lines } : {}),
      ...(adjusting && adjustmentReason.length >= MIN_ADJUSTMENT_REASON
        ? { adjustmentReason }
        : {}),
    });
    setBusy(false);
    if (!answer.ok) {
      if (answer.error.code === 'ADJUSTMENT_REASON_REQUIRED') setAdjusting(true);
      setError(answer.error);
      return;
    }
    requestId.current = newId();
    setAdjusting(false);
    setAmounts({});
    setReason('');
    onChanged();
  };

  return (
    <Card title={t('refunds.title')} testId="refund-panel" className="refund-panel">
      {detail.refunds.length > 0 && (
        <ul className="refund-list">
          {detail.refunds.map((r) => (
            <li key={r.id} className="refund-list__item">
              <RefundRequestView request={r} />
              {r.status === 'pending_approval' && (
                <div className="refund-request__actions">
                  <button
                    type="button"
                    className="btn btn--primary"
                    onClick={() => setApproving(r)}
                    autoFocus={autoFocus && !canRequest}
                  >
                    {t('refunds.managerApproval')}
                  </button>
                  {user.permissions.includes('refunds.request') && (
                    <button
                      type="button"
                      className="btn btn--ghost"
                      aria-expanded={byCode === r.id}
                      onClick={() => setByCode(byCode === r.id ? null : r.id)}
                    >
                      {t('refunds.offline.open')}
                    </button>
                  )}
                </div>
              )}
              {r.status === 'pending_approval' && byCode === r.id && (
                <OfflineCodePanel
                  request={r}
                  onApproved={() => {
                    setByCode(null);
                    onChanged();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      {canRequest && (
        <div className="refund-request">
          {adjusting && (
            <div className="refund-request__adjust">
              {open.map((line) => (
                <div key={line.id} className="field">
                  <label htmlFor={`${id}-${line.id}`} className="field__label">
                    {t('refunds.amountFor', { title: line.title })}
                  </label>
                  <input
                    id={`${id}-${line.id}`}
                    className={`input input--number ${invalid === line.id ? 'input--invalid' : ''}`}
                    inputMode="decimal"
                    value={amounts[line.id] ?? ''}
                    disabled={busy}
                    aria-invalid={invalid === line.id || undefined}
                    aria-describedby={`${id}-${line.id}-hint`}
                    onChange={(e) => setAmounts((a) => ({ ...a, [line.id]: e.target.value }))}
                  />
                  <p id={`${id}-${line.id}-hint`} className="field__hint">
                    {t('refunds.amountHint', { currency })}
                  </p>
                  {invalid === line.id && (
                    <p className="field__error" role="alert">
                      {t('refunds.invalidAmount', { example })}
                    </p>
                  )}
                </div>
              ))}
              <ReasonField
                label={t('refunds.adjustmentReason')}
                hint={t('refunds.adjustmentHint')}
                value={reason}
                onChange={setReason}
                disabled={busy}
              />
            </div>
          )}
          {error && <ErrorNotice error={error} />}
          <div className="refund-request__actions">
            <button
              type="button"
              className="btn btn--primary btn--large"
              disabled={busy}
              autoFocus={autoFocus}
              onClick={() => void request()}
            >
              {busy ? t('refunds.requesting') : t('refunds.request')}
            </button>
            <button
              type="button"
              className="btn btn--ghost"
              disabled={busy}
              aria-expanded={adjusting}
              onClick={() => setAdjusting((a) => !a)}
            >
              {adjusting ? t('refunds.adjustHide') : t('refunds.adjust')}
            </button>
          </div>
        </div>
      )}
      {!canRequest && detail.refunds.length > 0 && open.length === 0 && (
        <p className="muted">{t('refunds.allRequested')}</p>
      )}

      {approving && (
        <ApprovalDialog
          request={approving}
          onClose={() => setApproving(null)}
          onDecided={() => {
            setApproving(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
