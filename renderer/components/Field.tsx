import type { ReactNode } from 'react';

/** A labelled form control: the label names the control by its id (screen readers, tests). */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  /** Shown under the control and linked to it by the caller's aria-describedby `${id}-hint`. */
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
