import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, OfflineChallenge, RefundRequest } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatMinor } from '../../lib/format';

/**
 * "Manager not here? Approve by code" (issue #7): a fresh challenge for the pending request,
 * read out with the amount to the regional manager, and the field for the code they read back
 * (or their QR token, typed by a 2D scanner). The till checks it offline; the approval then
 * waits for the back office's confirmation.
 */
export function OfflineCodePanel({
  request,
  onApproved,
}: {
  request: RefundRequest;
  onApproved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const id = useId();
  const [challenge, setChallenge] = useState<OfflineChallenge | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const ask = async () => {
    setBusy(true);
    setError(null);
    setCode('');
    const answer = await api.call('approvals.offlineChallenge', { refundRequestId: request.id });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setChallenge(answer.data);
    input.current?.focus();
  };

  // A challenge as soon as the panel opens: the manager is on the phone.
  useEffect(() => {
    void ask();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request.id]);

  const enter = async () => {
    if (!challenge || busy || code.trim() === '') return;
    setBusy(true);
    setError(null);
    const answer = await api.call('approvals.offlineEnter', {
      challengeId: challenge.challengeId,
      response: code.trim(),
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    onApproved();
  };

  return (
    <div className="offline-code" data-testid="offline-code">
      <p className="muted">{t('refunds.offline.intro')}</p>
      {challenge && (
        <dl className="offline-code__facts">
          <dt>{t('refunds.offline.challenge')}</dt>
          <dd className="big-number num" data-testid="offline-challenge">
            {challenge.challenge}
          </dd>
          <dt>{t('refunds.offline.amount')}</dt>
          <dd className="big-number num" data-testid="offline-amount">
            {formatMinor(challenge.amount.amountMinor, challenge.amount.currency, i18n.language)}
          </dd>
          <dd className="muted small">
            {t('refunds.offline.expires', {
              time: formatDateTime(challenge.expiresAt, i18n.language, device.timeZone),
            })}
          </dd>
        </dl>
      )}
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void enter();
        }}
      >
        <label htmlFor={`${id}-code`} className="field__label">
          {t('refunds.offline.code')}
        </label>
        <input
          id={`${id}-code`}
          ref={input}
          className="input input--code"
          autoComplete="off"
          spellCheck={false}
          value={code}
          disabled={busy || !challenge}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setCode(e.target.value)}
        />
        <p id={`${id}-hint`} className="field__hint">
          {t('refunds.offline.codeHint')}
        </p>
        {error && <ErrorNotice error={error} />}
        <div className="refund-request__actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy || !challenge || code.trim() === ''}
          >
            {busy && challenge ? t('refunds.offline.entering') : t('refunds.offline.enter')}
          </button>
          <button
            type="button"
            className="btn btn--ghost"
            disabled={busy}
            onClick={() => void ask()}
          >
            {busy && !challenge ? t('refunds.offline.asking') : t('refunds.offline.newChallenge')}
          </button>
        </div>
      </form>
    </div>
  );
}
