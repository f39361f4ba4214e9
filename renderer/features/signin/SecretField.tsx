import type { Ref } from 'react';
import type { SecretKind } from '../../app/session';
import { MAX_PIN_LENGTH } from './PinPad';

interface SecretFieldProps {
  id: string;
  /** `null`: not known yet (a typed username that is not on the till list). */
  kind: SecretKind | null;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A masked PIN field (digits only; pair it with a PinPad) or a masked password field.
 * Never shows the secret.
 */
export function SecretField({
  id,
  kind,
  label,
  value,
  onChange,
  disabled,
  autoFocus,
  ref,
}: SecretFieldProps) {
  const isPin = kind === 'pin';
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        name="secret"
        className={`input ${isPin ? 'input--pin' : ''}`}
        type="password"
        inputMode={isPin ? 'numeric' : 'text'}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={isPin ? MAX_PIN_LENGTH : 128}
        value={value}
        disabled={disabled}
        autoFocus={autoFocus}
        onChange={(e) => onChange(isPin ? e.target.value.replace(/\D/g, '') : e.target.value)}
      />
    </div>
  );
}
