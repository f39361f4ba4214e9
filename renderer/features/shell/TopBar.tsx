import { useTranslation } from 'react-i18next';
import { useSession, useSignedIn } from '../../app/context';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncBadge } from './SyncBadge';

export function TopBar() {
  const { t } = useTranslation();
  const { user, device } = useSignedIn();
  const lock = useSession((s) => s.lock);
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="topbar__app">{t('app.name')}</span>
        <span className="topbar__store" data-testid="store-name">
          {t('shell.storeLine', { name: device.storeName, code: device.storeCode })}
        </span>
      </div>
      <SyncBadge />
      <div className="topbar__user" data-testid="current-user">
        <span className="topbar__user-name">{user.displayName}</span>
        <span className="topbar__user-role">{t(`roles.${user.role}`)}</span>
      </div>
      <LanguageSwitch />
      <button type="button" className="btn btn--secondary topbar__lock" onClick={() => void lock()}>
        <svg className="topbar__lock-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="3" y="7" width="10" height="7" rx="1.5" />
          <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" />
        </svg>
        {t('lock.lockNow')}
      </button>
    </header>
  );
}
