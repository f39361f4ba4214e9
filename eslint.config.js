// Lint, including the layering rules of DESIGN.md §2: a wrong import fails CI, not a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'zlib',
  'stream',
  'worker_threads',
  'util',
  'events',
  'buffer',
  'process',
];
const nodeOnly = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)].map((name) => ({
  name,
  message: 'shared/ and renderer/ are isomorphic: no Node built-ins.',
}));
const layer = (group, message) => ({ group, message });

/** The import rules per folder; exported so the lint test can list them. */
export const LAYER_RULES = {
  'shared/**': {
    paths: [...nodeOnly, { name: 'electron', message: 'shared/ may not import electron.' }],
    patterns: [
      layer(
        [
          '**/db/**',
          '**/electron/**',
          '**/renderer/**',
          '**/server/**',
          'better-sqlite3',
          'react',
          'react-dom',
        ],
        'shared/ imports nothing of db/, electron/, renderer/ or server/ (DESIGN.md §2).',
      ),
    ],
  },
  'db/**': {
    paths: [{ name: 'electron', message: 'db/ may not import electron.' }],
    patterns: [
      layer(
        ['**/electron/**', '**/renderer/**', '**/server/**'],
        'db/ may import only shared/ (DESIGN.md §2).',
      ),
    ],
  },
  'renderer/**': {
    paths: [
      ...nodeOnly,
      { name: 'electron', message: 'renderer/ talks to the backend only through its API client.' },
    ],
    patterns: [
      layer(
        [
          '**/db/**',
          '**/electron/**',
          '**/server/**',
          'better-sqlite3',
          'drizzle-orm',
          'drizzle-orm/*',
        ],
        'renderer/ may import only shared/ (DESIGN.md §2).',
      ),
    ],
  },
  'electron/backend/**': {
    paths: [
      {
        name: 'electron',
        message: 'Backend services get platform abilities passed in; no electron import.',
      },
    ],
    patterns: [
      layer(
        ['**/renderer/**', '**/server/**', '**/electron/main/**', '**/electron/preload/**'],
        'electron/backend may import shared/ and db/ only.',
      ),
    ],
  },
  'electron/web/**': {
    paths: [{ name: 'electron', message: 'Browser mode runs without electron.' }],
    patterns: [
      layer(
        ['**/renderer/**', '**/server/**', '**/electron/main/**', '**/electron/preload/**'],
        'electron/web may import shared/, db/ and electron/backend only.',
      ),
    ],
  },
  'electron/main/**': {
    patterns: [
      layer(
        ['**/renderer/**', '**/server/**'],
        'electron/main may import shared/, db/ and electron/ only.',
      ),
    ],
  },
  'electron/preload/**': {
    patterns: [
      layer(
        [
          '**/renderer/**',
          '**/server/**',
          '**/db/**',
          '**/electron/backend/**',
          '**/electron/main/**',
        ],
        'the preload may import shared/ only.',
      ),
    ],
  },
  'server/**': {
    paths: [{ name: 'electron', message: 'The back office is not an Electron app.' }],
    patterns: [
      layer(
        ['**/db/**', '**/electron/**', '**/renderer/**'],
        'server/ may import only shared/ (DESIGN.md §2).',
      ),
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tmp/**',
      'dist/**',
      'release/**',
      'db/migrations/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...Object.entries(LAYER_RULES).map(([folder, rule]) => ({
    files: [folder.replace(/\*\*$/, '**/*.{ts,tsx}')],
    // Tests sit next to code but may reach across layers to set things up.
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rule] },
  })),
);
