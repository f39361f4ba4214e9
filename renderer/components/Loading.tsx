import { useTranslation } from 'react-i18next';

export function Loading({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={`loading ${className ?? ''}`}>
      <span className="loading__dot" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}
