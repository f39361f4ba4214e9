import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody } from '../../../shared/contracts';
import { isSupportedLanguage, SUPPORTED_LANGUAGES } from '../../../shared/i18n';
import { useApi, useSession } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { rememberLanguage } from '../../app/language';

/**
 * en / 简体中文. Signed in, the choice is saved with the user (`me.setLanguage`); on the
 * sign-in screen it only changes this device's display.
 */
export function LanguageSwitch({ id = 'language-switch' }: { id?: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const user = useSession((s) => s.user);
  const phase = useSession((s) => s.phase);
  const setUser = useSession((s) => s.setUser);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (language: string) => {
    if (!isSupportedLanguage(language)) return;
    setError(null);
    if (user && phase === 'signedIn') {
      setBusy(true);
      const answer = await api.call('me.setLanguage', { language });
      setBusy(false);
      if (!answer.ok) {
        setError(answer.error);
        return;
      }
      setUser({ ...user, language: answer.data.language });
    }
    rememberLanguage(language);
    await i18n.changeLanguage(language);
  };

  return (
    <div className="language-switch">
      <label htmlFor={id} className="language-switch__label">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select"
        value={i18n.language}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
      >
        {SUPPORTED_LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
      {error && <ErrorNotice error={error} className="language-switch__error" />}
    </div>
  );
}
