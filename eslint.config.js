// ESLint flat config. Fast (no type-aware rules): tsc does the type checking.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// --- Layering -------------------------------------------------------------
// engine  <- domain <- projections <- store <- ui   (arrows = "may be used by")
// Each entry: folder glob -> forbidden import specifiers.
const layer = (name) => [`**/${name}`, `**/${name}/**`];
const pkg = (name) => [name, `${name}/**`];

// zod must be configured (no eval, for the CSP) before any schema is defined, whatever the bundle order.
const ZOD_ONLY_CONFIGURED = { name: 'zod', message: 'import { z } from engine/zod-jitless, which configures zod first' };

const LAYER_RULES = [
  {
    files: ['src/engine/**'],
    message: 'src/engine is the generic event-sourcing core: it must not depend on the domain, projections, store, UI, React or Zustand.',
    banned: [...layer('domain'), ...layer('projections'), ...layer('store'), ...layer('ui'), ...pkg('react'), ...pkg('react-dom'), ...pkg('zustand')],
  },
  {
    files: ['src/domain/**'],
    message: 'src/domain is pure (deciders/evolvers): no React, Dexie, Zustand, store, UI or projections.',
    banned: [...layer('store'), ...layer('ui'), ...layer('projections'), ...pkg('react'), ...pkg('react-dom'), ...pkg('dexie'), ...pkg('zustand')],
  },
  {
    files: ['src/projections/**'],
    message: 'src/projections are pure read models: no React, Dexie, Zustand, store or UI.',
    banned: [...layer('store'), ...layer('ui'), ...pkg('react'), ...pkg('react-dom'), ...pkg('dexie'), ...pkg('zustand')],
  },
  {
    files: ['src/store/**'],
    message: 'src/store must not import from src/ui (UI depends on the store, not the reverse).',
    banned: [...layer('ui')],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dev-dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'bench/results*',
      '**/*.d.ts.map',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // Heterogeneous maps use `unknown` (method parameters are bivariant); the browser tests see the page's
      // handle through tests/e2e/support/window-handle.d.ts. An `any` hides type errors: it fails lint.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Node-side code: configs, scripts, bench, e2e harness.
    files: ['*.{js,mjs,cjs,ts}', 'scripts/**', 'bench/**', 'tests/e2e/**', '.ci/**', 'sync/**', 'tests/sync/support/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The layers without import bans still take zod through its configured door.
    files: ['src/app/**', 'src/ui/**', 'src/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [ZOD_ONLY_CONFIGURED] }] },
  },
  ...LAYER_RULES.map(({ files, message, banned }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ZOD_ONLY_CONFIGURED],
          patterns: [{ group: banned, message }],
        },
      ],
    },
  })),
);
