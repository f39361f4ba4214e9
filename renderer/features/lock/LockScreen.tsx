import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody } from '../../../shared/contracts';
import { useSession } from '../../app/context';
import { useCall } from '../../app/useCall';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PinPad } from '../signin/PinPad';
import { SecretField } from '../signin/SecretField';

/**
 * Shown instead of everything else while the session is locked: nothing of the previous
 * screen stays in the page. Unlock with the same user's secret, or switch user.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const device = useSession((s) => s.device);
  const knownKind = useSession((s) => s.secretKind);
  const unlock = useSession((s) => s.unlock);
  const signOut = useSession((s) => s.signOut);
  const tillUsers = useCall('auth.tillUsers', knownKind ? null : {});
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);

  const listed =
    tillUsers.status === 'ok'
      ? tillUsers.data.find((u) => u.username === user?.username)?.secretKind
      : undefined;
  const kind = knownKind ?? listed ?? null;
  const label =
    kind === 'pin'
      ? t('signin.pin')
      : kind === 'password'
        ? t('signin.password')
        : t('lock.pinOrPassword');

  // Focus the secret on arrival and again after a failed attempt (once the field is enabled).
  useEffect(() => {
    if (!busy) secretRef.current?.focus();
  }, [busy, error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || secret === '') return;
    setBusy(true);
    setError(null);
    const failure = await unlock(secret);
    setBusy(false);
    if (failure) {
      setError(failure);
      setSecret('');
    }
  };

  const switchUser = async () => {
    setBusy(true);
    await signOut();
  };

  return (
    <main className="lock" data-testid="lock-screen">
      <form className="panel lock__panel" aria-labelledby="lock-title" onSubmit={submit} noValidate>
        <p className="signin__app">
          {device
            ? t('shell.storeLine', { name: device.storeName, code: device.storeCode })
            : t('app.name')}
        </p>
        <h1 id="lock-title" className="lock__title">
          {t('lock.title', { name: user?.displayName ?? '' })}
        </h1>
        <p className="muted">{t('lock.hint', { secret: label })}</p>
        <SecretField
          id="lock-secret"
          ref={secretRef}
          kind={kind}
          label={label}
          value={secret}
          onChange={setSecret}
          disabled={busy}
        />
        {kind === 'pin' && <PinPad value={secret} onChange={setSecret} disabled={busy} />}
        {error && <ErrorNotice error={error} timeZone={device?.timeZone} testId="lock-error" />}
        <div className="lock__actions">
          <button
            type="submit"
            className="btn btn--primary btn--large"
            disabled={busy || secret === ''}
          >
            {busy ? t('lock.unlocking') : t('lock.unlock')}
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--large"
            onClick={() => void switchUser()}
            disabled={busy}
          >
            {t('lock.switchUser')}
          </button>
        </div>
      </form>
    </main>
  );
}
