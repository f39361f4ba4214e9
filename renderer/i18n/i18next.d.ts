import type { en } from '../../shared/i18n/en';

// Typed keys: `t('no.such.key')` is a compile error in the renderer.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
