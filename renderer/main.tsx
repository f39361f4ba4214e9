import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n } from '../shared/i18n';
import { chooseBridge, createApi } from './api';
import { App } from './app/App';
import { rememberedLanguage } from './app/language';
import './styles/index.css';

const api = createApi(chooseBridge(window));
const i18n = createI18n(rememberedLanguage(), { react: { useSuspense: false } });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={api} i18n={i18n} />
    </StrictMode>,
  );
}
