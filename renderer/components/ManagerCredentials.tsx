import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../app/context';

export interface Credentials {
  username: string;
  pin: string;
}

/** PINs are 4–8 digits (as at sign-in). */
const MAX_PIN_LENGTH = 8;

export const EMPTY_CREDENTIALS: Credentials = { username: '', pin: '' };

/** Enough to send to `auth.stepUp` (its schema: username 1–64, secret 4–128). */
export function credentialsComplete(c: Credentials): boolean {
  return c.username.trim().length > 0 && c.pin.length >= 4;
}

/**
 * A manager's username and PIN, typed at a clerk's till for one action (`auth.stepUp`).
 * The clerk stays signed in; the PIN is never kept after the call.
 */
export function ManagerCredentials({
  value,
  onChange,
  disabled,
}: {
  value: Credentials;
  onChange: (value: Credentials) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const id = useId();
  return (
    <div className="manager-credentials">
      <p className="muted">{t('stepUp.hint', { name: user.displayName })}</p>
      <div className="manager-credentials__fields">
        <div className="field">
          <label htmlFor={`${id}-user`} className="field__label">
            {t('stepUp.managerUsername')}
          </label>
          <input
            id={`${id}-user`}
            className="input"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={64}
            value={value.username}
            disabled={disabled}
            autoFocus
            onChange={(e) => onChange({ ...value, username: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pin`} className="field__label">
            {t('stepUp.managerPin')}
          </label>
          <input
            id={`${id}-pin`}
            className="input input--pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={MAX_PIN_LENGTH}
            value={value.pin}
            disabled={disabled}
            onChange={(e) => onChange({ ...value, pin: e.target.value.replace(/\D/g, '') })}
          />
        </div>
      </div>
    </div>
  );
}
