import { render } from '@testing-library/react';
import { createI18n } from '../../shared/i18n';
import { createApi } from '../api/client';
import { App } from '../app/App';
import type { FakeBridge } from './fakeBridge';

export function renderApp(bridge: FakeBridge, language = 'en') {
  const api = createApi(bridge);
  const i18n = createI18n(language, { react: { useSuspense: false } });
  return { api, i18n, ...render(<App api={api} i18n={i18n} />) };
}
