import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody } from '../../../shared/contracts';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import {
  credentialsComplete,
  EMPTY_CREDENTIALS,
  ManagerCredentials,
  type Credentials,
} from '../../components/ManagerCredentials';
import { Modal } from '../../components/Modal';
import { ReasonField } from '../../components/ReasonField';

export const MIN_OVERRIDE_REASON = 3;

/**
 * A manager at the clerk's till authorises taking a return the rules refuse: their username
 * and PIN (`auth.stepUp`, purpose `returns.override`) give a single-use grant, sent with the
 * reason in `returns.create`. The clerk stays signed in.
 */
export function OverrideDialog({
  onCancel,
  onConfirm,
}: {
  onCancel: () => void;
  /** Takes the return with the grant; answers the error to show, or null when done. */
  onConfirm: (override: { reason: string; grantId: string }) => Promise<AppErrorBody | null>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [credentials, setCredentials] = useState<Credentials>(EMPTY_CREDENTIALS);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const ready = credentialsComplete(credentials) && reason.trim().length >= MIN_OVERRIDE_REASON;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !ready) return;
    setBusy(true);
    setError(null);
    const step = await api.call('auth.stepUp', {
      username: credentials.username.trim(),
      secret: credentials.pin,
      purpose: 'returns.override',
    });
    // The PIN is used once and never kept.
    setCredentials((c) => ({ ...c, pin: '' }));
    if (!step.ok) {
      setBusy(false);
      setError(step.error);
      return;
    }
    const failure = await onConfirm({ reason: reason.trim(), grantId: step.data.grantId });
    if (failure) {
      setBusy(false);
      setError(failure);
    }
  };

  return (
    <Modal
      title={t('intake.overrideTitle')}
      onClose={onCancel}
      busy={busy}
      testId="override-dialog"
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        <p>{t('intake.overrideIntro')}</p>
        <ManagerCredentials value={credentials} onChange={setCredentials} disabled={busy} />
        <ReasonField
          label={t('intake.overrideReason')}
          hint={t('intake.overrideHint')}
          value={reason}
          onChange={setReason}
          disabled={busy}
        />
        {error && <ErrorNotice error={error} />}
        <div className="modal__actions">
          <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy || !ready}>
            {busy ? t('stepUp.checking') : t('intake.confirmOverride')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
