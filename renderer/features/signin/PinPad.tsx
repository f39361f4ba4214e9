import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const MAX_PIN_LENGTH = 8;

interface PinPadProps {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}

/** Large on-screen digits for touch tills; the PIN field accepts the keyboard as well. */
export function PinPad({ value, onChange, disabled }: PinPadProps) {
  const { t } = useTranslation();
  const press = (digit: string) => {
    if (value.length < MAX_PIN_LENGTH) onChange(value + digit);
  };
  return (
    <div className="pinpad" role="group" aria-label={t('signin.keypad')}>
      {DIGITS.map((d) => (
        <button
          key={d}
          type="button"
          className="pinpad__key"
          onClick={() => press(d)}
          disabled={disabled}
        >
          {d}
        </button>
      ))}
      <button
        type="button"
        className="pinpad__key pinpad__key--aux"
        onClick={() => onChange('')}
        disabled={disabled || value === ''}
      >
        {t('signin.clear')}
      </button>
      <button type="button" className="pinpad__key" onClick={() => press('0')} disabled={disabled}>
        0
      </button>
      <button
        type="button"
        className="pinpad__key pinpad__key--aux"
        aria-label={t('signin.backspace')}
        onClick={() => onChange(value.slice(0, -1))}
        disabled={disabled || value === ''}
      >
        <span aria-hidden="true">⌫</span>
      </button>
    </div>
  );
}
