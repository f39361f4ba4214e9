import { useId, type Ref } from 'react';

/**
 * The one-line "why" field every exception at the counter asks for (an override, a lower
 * refund, a reprint): labelled, with a hint, at most 500 characters like the contracts allow.
 */
export function ReasonField(props: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-reason`} className="field__label">
        {props.label}
      </label>
      <input
        ref={props.inputRef}
        id={`${id}-reason`}
        className="input"
        maxLength={500}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={`${id}-reason-hint`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p id={`${id}-reason-hint`} className="field__hint">
        {props.hint}
      </p>
    </div>
  );
}
