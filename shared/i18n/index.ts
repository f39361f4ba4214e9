import i18next, { type i18n, type InitOptions } from 'i18next';
import type { Language } from '../contracts/common';
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

export { en, type Messages, type MessageShape } from './en';
export { zhCN } from './zh-CN';

/** The languages the UI speaks, in the order a language switch lists them. */
export const SUPPORTED_LANGUAGES = ['en', 'zh-CN'] as const satisfies readonly Language[];
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: SupportedLanguage = 'en';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const satisfies Record<SupportedLanguage, { translation: Messages }>;

export function isSupportedLanguage(value: unknown): value is SupportedLanguage {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * A fresh i18next instance with every language loaded, initialised synchronously (the
 * resources are bundled, nothing is fetched), so `t` works as soon as this returns.
 * `extra` lets a UI layer add its own options (e.g. react-i18next's `react`).
 */
export function createI18n(language: string = DEFAULT_LANGUAGE, extra: InitOptions = {}): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: isSupportedLanguage(language) ? language : DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // 'zh-CN' must stay 'zh-CN', not fall back through 'zh'.
    load: 'currentOnly',
    defaultNS: 'translation',
    ns: ['translation'],
    // React (and any other UI) escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    ...extra,
  });
  return instance;
}
