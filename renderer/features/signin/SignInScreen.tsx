import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody } from '../../../shared/contracts';
import { useSession } from '../../app/context';
import { useCall } from '../../app/useCall';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { PinPad } from './PinPad';
import { SecretField } from './SecretField';
import { TillUserList, type TillUser } from './TillUserList';

export function SignInScreen() {
  const { t } = useTranslation();
  const device = useSession((s) => s.device);
  const signIn = useSession((s) => s.signIn);
  const tillUsers = useCall('auth.tillUsers', {});
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped whenever the secret field should take the focus (after a pick or a failure).
  const [focusSecret, setFocusSecret] = useState(0);
  const secretRef = useRef<HTMLInputElement>(null);

  const users = tillUsers.status === 'ok' ? tillUsers.data : [];
  const match =
    users.find((u) => u.username.toLowerCase() === username.trim().toLowerCase()) ?? null;
  const secretKind = match?.secretKind ?? null;

  useEffect(() => {
    if (focusSecret > 0 && !busy) secretRef.current?.focus();
  }, [focusSecret, busy]);

  const select = (user: TillUser) => {
    setUsername(user.username);
    setSecret('');
    setError(null);
    setFocusSecret((n) => n + 1);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || username.trim() === '' || secret === '') return;
    setBusy(true);
    setError(null);
    const failure = await signIn(username.trim(), secret, secretKind);
    if (failure) {
      setError(failure);
      setSecret('');
      setFocusSecret((n) => n + 1);
      setBusy(false);
    }
    // On success this screen is replaced by the home screen.
  };

  return (
    <main className="signin">
      <header className="signin__header">
        <div className="signin__where">
          <p className="signin__app">{t('app.name')}</p>
          <h1 className="signin__store">{device?.storeName}</h1>
          {device && (
            <p className="signin__till muted">
              {t('signin.tillLine', { code: device.storeCode, device: device.code })}
            </p>
          )}
        </div>
        <LanguageSwitch />
      </header>

      <div className="signin__body">
        <section className="panel signin__users" aria-labelledby="signin-users-title">
          <h2 id="signin-users-title" className="panel__title">
            {t('signin.tillUsers')}
          </h2>
          <p className="muted">{t('signin.chooseOrType')}</p>
          {tillUsers.status === 'loading' && <Loading />}
          {tillUsers.status === 'error' && (
            <ErrorNotice error={tillUsers.error} onRetry={tillUsers.reload} />
          )}
          {tillUsers.status === 'ok' && (
            <TillUserList
              users={users}
              selected={match?.username ?? null}
              onSelect={select}
              disabled={busy}
            />
          )}
        </section>

        <form
          className={`panel signin__form ${secretKind === 'pin' ? 'signin__form--pin' : ''}`}
          aria-labelledby="signin-title"
          onSubmit={submit}
          noValidate
        >
          <div className="signin__fields">
            <h2 id="signin-title" className="panel__title">
              {t('signin.title')}
            </h2>
            <div className="field">
              <label htmlFor="signin-username" className="field__label">
                {t('signin.username')}
              </label>
              <input
                id="signin-username"
                name="username"
                className="input"
                type="text"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                maxLength={64}
                value={username}
                disabled={busy}
                onChange={(e) => {
                  setUsername(e.target.value);
                  setError(null);
                }}
              />
            </div>
            <SecretField
              id="signin-secret"
              ref={secretRef}
              kind={secretKind}
              label={secretKind === 'pin' ? t('signin.pin') : t('signin.password')}
              value={secret}
              onChange={setSecret}
              disabled={busy}
            />
            {error && (
              <ErrorNotice error={error} timeZone={device?.timeZone} testId="signin-error" />
            )}
            <button
              type="submit"
              className="btn btn--primary btn--large btn--block"
              disabled={busy || username.trim() === '' || secret === ''}
            >
              {busy ? t('signin.signingIn') : t('signin.submit')}
            </button>
          </div>
          {secretKind === 'pin' && <PinPad value={secret} onChange={setSecret} disabled={busy} />}
        </form>
      </div>
    </main>
  );
}
