import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// CI retries a failed test once. The sync, crash and cluster tests drive real processes (nats-server, Chromium)
// on a shared 2-core machine, and their timing sometimes loses there. A retry still fails a test that fails
// twice, and scripts/count-results.mjs names every test that passed only on its retry, so a flake stays visible.
const retry = process.env.CI ? 1 : 0;

// `npm test` (= `vitest run`) runs BOTH projects:
//   unit — jsdom + fake-indexeddb: engine/domain/projection/store tests and
//          React component tests (src/**/*.test.ts[x], tests/**/*.test.ts[x]).
//   e2e  — node: builds the real site once, serves it with `vite preview` on a
//          free 127.0.0.1 port and drives /usr/bin/chromium via playwright-core.
// Run one project with `npx vitest run --project unit` (or `--project e2e`).
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          retry,
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, 'tests/e2e/**', 'dist/**', 'dev-dist/**'],
          setupFiles: ['tests/setup/unit.ts'],
          // Component tests run a real desk on fake-indexeddb; on a busy 2-core CI machine some take over 20 s.
          testTimeout: 60_000,
          // A real nats-server on free loopback ports for the sync adapter's contract tests.
          globalSetup: ['tests/sync/support/nats-global-setup.ts'],
          alias: {
            // The PWA plugin is not loaded in unit tests; give components that
            // import the registration module a harmless stand-in.
            'virtual:pwa-register': r('./tests/setup/pwa-register-stub.ts'),
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          retry,
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          // The site, and a real nats-server for the two-device sync tests (stopped by PID).
          globalSetup: ['tests/e2e/support/global-setup.ts', 'tests/sync/support/nats-global-setup.ts'],
          setupFiles: ['tests/e2e/support/e2e-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
