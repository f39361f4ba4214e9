import { useId, type ReactNode } from 'react';

interface CardProps {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
  testId?: string;
}

/** A titled section; its heading names the region for assistive technology. */
export function Card({ title, children, actions, className, testId }: CardProps) {
  const id = useId();
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={id} data-testid={testId}>
      <header className="card__header">
        <h2 id={id} className="card__title">
          {title}
        </h2>
        {actions && <div className="card__actions">{actions}</div>}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}
