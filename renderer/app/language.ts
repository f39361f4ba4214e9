import { DEFAULT_LANGUAGE, isSupportedLanguage, type SupportedLanguage } from '../../shared/i18n';

/** The display language of this device before anyone signs in (a user's own choice wins after). */
const LANGUAGE_STORAGE_KEY = 'returndesk.language';

export function rememberedLanguage(): SupportedLanguage {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isSupportedLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(language: SupportedLanguage): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the language still applies to this page.
  }
}
