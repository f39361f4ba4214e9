import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/domain/permissions';
import { navFor, type NavKey } from './nav';

export function NavBar({
  permissions,
  current,
}: {
  permissions: readonly Permission[];
  current: NavKey;
}) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('shell.navigation')}>
      <ul className="nav__list">
        {navFor(permissions).map((item) => (
          <li key={item.key}>
            {item.available ? (
              <button
                type="button"
                className={`nav__item ${item.key === current ? 'nav__item--current' : ''}`}
                aria-current={item.key === current ? 'page' : undefined}
              >
                {t(`nav.${item.key}`)}
              </button>
            ) : (
              <button
                type="button"
                className="nav__item nav__item--soon"
                disabled
                data-nav={item.key}
              >
                <span>{t(`nav.${item.key}`)}</span>
                <span className="nav__soon">{t('shell.comingSoon')}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
