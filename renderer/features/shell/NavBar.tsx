import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/domain/permissions';
import { useRouter } from '../../app/context';
import { navFor, type NavKey } from './nav';

export function NavBar({
  permissions,
  current,
}: {
  permissions: readonly Permission[];
  current: NavKey;
}) {
  const { t } = useTranslation();
  const go = useRouter((s) => s.go);
  return (
    <nav className="nav" aria-label={t('shell.navigation')}>
      <ul className="nav__list">
        {navFor(permissions).map((item) => {
          const route = item.route;
          return (
            <li key={item.key}>
              {route ? (
                <button
                  type="button"
                  className={`nav__item ${item.key === current ? 'nav__item--current' : ''}`}
                  aria-current={item.key === current ? 'page' : undefined}
                  data-nav={item.key}
                  onClick={() => go({ name: route })}
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
          );
        })}
      </ul>
    </nav>
  );
}
