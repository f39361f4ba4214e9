import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, OfflineResponse } from '../../../shared/contracts';
import { CURRENCIES } from '../../../shared/domain/money';
import { useApi } from '../../app/context';
import { useCall } from '../../app/useCall';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isCurrency, minorToInput, parseAmountInput } from '../../lib/format';
import { RefundRequestView } from '../refunds/RefundRequestView';

/**
 * "Approve by phone" (issue #7): a store without a manager on site reads out a challenge and
 * the amount; the regional manager types both here, sees what they approve when this laptop has
 * the request ("not on this laptop" otherwise), and reads back the code in large digits. The
 * same approval, signed, can be shown as a QR code or typed by a 2D scanner.
 */
export function PhoneApprovalCard() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const stores = useCall('directory.stores', {});
  const [challenge, setChallenge] = useState('');
  const [amount, setAmount] = useState('');
  const [storeId, setStoreId] = useState('');
  const [currency, setCurrency] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [answer, setAnswer] = useState<OfflineResponse | null>(null);

  const storeList = stores.status === 'ok' ? stores.data : [];
  const chosenCurrency = currency || storeList.find((s) => s.id === storeId)?.currency || 'USD';
  const example = isCurrency(chosenCurrency) ? minorToInput(30000, chosenCurrency) : '300.00';

  const make = async () => {
    if (busy) return;
    setError(null);
    setAnswer(null);
    const minor = isCurrency(chosenCurrency) ? parseAmountInput(amount, chosenCurrency) : null;
    setInvalid(minor === null);
    if (minor === null || !storeId) return;
    setBusy(true);
    const result = await api.call('approvals.offlineRespond', {
      challenge,
      amountMinor: minor,
      currency: chosenCurrency,
      storeId,
    });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else setAnswer(result.data);
  };

  return (
    <Card title={t('approvals.phone.title')} testId="phone-approval">
      <p className="muted">{t('approvals.phone.intro')}</p>
      <form
        className="phone-approval__form"
        onSubmit={(e) => {
          e.preventDefault();
          void make();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-store`} className="field__label">
            {t('approvals.phone.store')}
          </label>
          <select
            id={`${id}-store`}
            className="input"
            value={storeId}
            disabled={busy}
            onChange={(e) => {
              setStoreId(e.target.value);
              setCurrency('');
            }}
          >
            <option value="">{t('approvals.phone.chooseStore')}</option>
            {storeList.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-challenge`} className="field__label">
            {t('approvals.phone.challenge')}
          </label>
          <input
            id={`${id}-challenge`}
            className="input input--code"
            inputMode="numeric"
            autoComplete="off"
            value={challenge}
            disabled={busy}
            onChange={(e) => setChallenge(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`} className="field__label">
            {t('approvals.phone.amount')}
          </label>
          <input
            id={`${id}-amount`}
            className={`input input--number ${invalid ? 'input--invalid' : ''}`}
            inputMode="decimal"
            value={amount}
            disabled={busy}
            aria-invalid={invalid || undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
          {invalid && (
            <p className="field__error" role="alert">
              {t('approvals.phone.invalidAmount', { example })}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-currency`} className="field__label">
            {t('approvals.phone.currency')}
          </label>
          <select
            id={`${id}-currency`}
            className="input"
            value={chosenCurrency}
            disabled={busy}
            onChange={(e) => setCurrency(e.target.value)}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {error && <ErrorNotice error={error} />}
        <button
          type="submit"
          className="btn btn--primary"
          disabled={busy || !storeId || challenge.trim() === '' || amount.trim() === ''}
        >
          {busy ? t('approvals.phone.making') : t('approvals.phone.make')}
        </button>
      </form>
      {answer && (
        <div className="phone-approval__answer" data-testid="phone-approval-answer">
          <p className="refund__reasons-title">{t('approvals.phone.approving')}</p>
          {answer.request ? (
            <RefundRequestView request={answer.request} showRma />
          ) : (
            <p className="notice notice--warning" data-testid="phone-approval-not-here">
              {t('approvals.phone.notHere')}
            </p>
          )}
          <p className="field__label">{t('approvals.phone.code')}</p>
          <p className="big-number num offline-response" data-testid="offline-response">
            {answer.response}
          </p>
          <details>
            <summary>{t('approvals.phone.token')}</summary>
            <code className="small" data-testid="offline-token">
              {answer.token}
            </code>
          </details>
        </div>
      )}
    </Card>
  );
}
