import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, CallOutput } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';

type UserSummary = CallOutput<'users.list'>[number];

const UNLOCK_PRESETS = ['identityChecked', 'forgotPin', 'mistyped'] as const;
export const MIN_REASON_LENGTH = 3;

export function isLocked(user: UserSummary, now: number): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

/** Accounts of this store locked by failed sign-ins, with an audited unlock. */
export function LockedAccounts() {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const users = useCall('users.list', { storeId: device.storeId });
  const [unlocking, setUnlocking] = useState<UserSummary | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <Card title={t('home.lockedAccounts.title')} testId="locked-accounts">
      {done && (
        <p role="status" className="notice notice--success">
          {t('home.lockedAccounts.unlocked', { name: done })}
        </p>
      )}
      <CallView state={users} reload={users.reload} timeZone={device.timeZone}>
        {(rows) => {
          const now = Date.now();
          const locked = rows.filter((u) => isLocked(u, now));
          if (locked.length === 0) return <p className="muted">{t('home.lockedAccounts.empty')}</p>;
          return (
            <ul className="locked-list">
              {locked.map((u) => (
                <li key={u.id} className="locked-list__item">
                  <div className="locked-list__who">
                    <p className="locked-list__name">{u.displayName}</p>
                    <p className="muted">
                      <span className="mono">{u.username}</span> · {t(`roles.${u.role}`)}
                    </p>
                    <p className="locked-list__facts">
                      {u.lockedUntil &&
                        t('home.lockedAccounts.lockedUntilValue', {
                          time: formatDateTime(u.lockedUntil, i18n.language, device.timeZone),
                        })}
                      {' · '}
                      {t('home.lockedAccounts.failedAttemptsValue', { count: u.failedAttempts })}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="btn btn--secondary"
                    aria-label={`${t('home.lockedAccounts.unlock')} ${u.displayName}`}
                    onClick={() => {
                      setDone(null);
                      setUnlocking(u);
                    }}
                  >
                    {t('home.lockedAccounts.unlock')}
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      </CallView>
      {unlocking && (
        <UnlockForm
          user={unlocking}
          onCancel={() => setUnlocking(null)}
          onDone={() => {
            setDone(unlocking.displayName);
            setUnlocking(null);
            users.reload();
          }}
        />
      )}
    </Card>
  );
}

function UnlockForm({
  user,
  onCancel,
  onDone,
}: {
  user: UserSummary;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const tooShort = reason.trim().length < MIN_REASON_LENGTH;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || tooShort) return;
    setBusy(true);
    setError(null);
    const answer = await api.call('users.unlock', { userId: user.id, reason: reason.trim() });
    setBusy(false);
    if (answer.ok) onDone();
    else setError(answer.error);
  };

  return (
    <form className="subform" aria-labelledby="unlock-title" onSubmit={submit} noValidate>
      <h3 id="unlock-title" className="subform__title">
        {t('home.lockedAccounts.unlockTitle', { name: user.displayName })}
      </h3>
      <div className="field">
        <label htmlFor="unlock-reason" className="field__label">
          {t('home.lockedAccounts.reason')}
        </label>
        <textarea
          id="unlock-reason"
          className="input textarea"
          rows={2}
          maxLength={500}
          value={reason}
          autoFocus
          aria-describedby="unlock-reason-hint"
          onChange={(e) => setReason(e.target.value)}
        />
        <p id="unlock-reason-hint" className="field__hint">
          {t('home.lockedAccounts.reasonHint')}
        </p>
      </div>
      <div className="chips" role="group" aria-label={t('home.lockedAccounts.presetsLabel')}>
        {UNLOCK_PRESETS.map((key) => (
          <button
            key={key}
            type="button"
            className="chip"
            onClick={() => setReason(t(`reasons.unlock.${key}`))}
          >
            {t(`reasons.unlock.${key}`)}
          </button>
        ))}
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="subform__actions">
        <button type="submit" className="btn btn--primary" disabled={busy || tooShort}>
          {t('home.lockedAccounts.confirm')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel} disabled={busy}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
