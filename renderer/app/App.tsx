import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Api } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { LockScreen } from '../features/lock/LockScreen';
import { Screens as SignedInScreens } from '../features/shell/Screens';
import { Shell } from '../features/shell/Shell';
import { SignInScreen } from '../features/signin/SignInScreen';
import { AppProvider, useSession } from './context';
import { rememberLanguage } from './language';
import { isSupportedLanguage } from '../../shared/i18n';

export function App({ api, i18n }: { api: Api; i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <AppProvider api={api}>
        <LanguageSync />
        <Screens />
      </AppProvider>
    </I18nextProvider>
  );
}

/** One screen at a time: nothing of a signed-in screen stays in the page while locked. */
function Screens() {
  const phase = useSession((s) => s.phase);
  switch (phase) {
    case 'loading':
      return (
        <main className="splash">
          <Loading />
        </main>
      );
    case 'unavailable':
      return <Unavailable />;
    case 'signedOut':
      return <SignInScreen />;
    case 'locked':
      return <LockScreen />;
    case 'signedIn':
      return (
        <Shell>
          <SignedInScreens />
        </Shell>
      );
  }
}

function Unavailable() {
  const { t } = useTranslation();
  const error = useSession((s) => s.error);
  const refresh = useSession((s) => s.refresh);
  return (
    <main className="splash">
      <div className="panel splash__panel">
        <h1 className="panel__title">{t('app.startFailed')}</h1>
        {error && (
          <ErrorNotice error={error} onRetry={() => void refresh()} testId="startup-error" />
        )}
      </div>
    </main>
  );
}

/** The signed-in user's language wins; the page's `lang` follows the UI language. */
function LanguageSync() {
  const { i18n } = useTranslation();
  const language = useSession((s) => s.user?.language);

  useEffect(() => {
    if (language && isSupportedLanguage(language) && language !== i18n.language) {
      rememberLanguage(language);
      void i18n.changeLanguage(language);
    }
  }, [language, i18n]);

  useEffect(() => {
    const apply = (lng: string) => {
      document.documentElement.lang = lng;
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [i18n]);

  return null;
}
