import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// No Node built-ins here either (the renderer's lint rule); Vite fills in import.meta.dirname.
const here = import.meta.dirname;
const devApi = process.env.RETURNDESK_DEV_API ?? 'http://127.0.0.1:4870';

/**
 * index.html carries the strict CSP the built app runs under. The dev server needs inline
 * scripts and styles (React refresh, CSS injection), so only `vite serve` drops the tag.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'returndesk:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build loads from app://returndesk/ and http://127.0.0.1:PORT/.
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    // Nothing inlined as data: URLs (fonts would break under `default-src 'self'`).
    assetsInlineLimit: 0,
    // Chromium (Electron, and browser mode's Chromium) supports modulepreload natively.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  // `vite` dev server: the calls and events go to a running browser-mode backend
  // (`npm run web`; open the dev page with the same #token=… it printed).
  server: {
    host: '127.0.0.1',
    proxy: {
      // The backend accepts only its own Host and Origin (DNS rebinding, cross-origin calls).
      // Only HTTP_CALL_PATH and HTTP_EVENTS_PATH (shared/contracts/bridge.ts): the renderer's
      // own modules live under /api/ too. (Literal here: Vite's native config loader does not
      // resolve extension-less TypeScript imports.)
      '^/api/(call/|events)': { target: devApi, changeOrigin: true, headers: { origin: devApi } },
    },
  },
});
