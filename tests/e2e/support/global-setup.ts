// globalSetup of the "e2e" Vitest project.
//  1. Fails loudly if Chromium is missing (no silent skip): it prints a banner
//     and every e2e test fails with the install hint (see e2e-setup.ts), while
//     the unit project still runs and reports.
//  2. Builds the production site once (`vite build`, NODE_ENV=production, in a
//     child process) into node_modules/.cache/eventdesk-e2e/dist — a private
//     dir, so it never races with someone's `npm start` on dist/.
//  3. Serves it with Vite's programmatic `preview()` on a free 127.0.0.1 port.
//  4. provide('serverUrl', 'http://127.0.0.1:PORT/') -> tests use serverUrl().
// Escape hatches:
//   E2E_BASE_URL=http://127.0.0.1:4173/  test an already running server (no build)
//   E2E_SKIP_BUILD=1                      reuse the previous e2e build
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromePath, chromeProblem } from './chrome';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../../node_modules/.cache/eventdesk-e2e/dist', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const problem = chromeProblem();
  project.provide('chromeProblem', problem ?? '');
  project.provide('chromePath', chromePath());
  project.provide('serverUrl', '');
  if (problem) {
    const bar = '!'.repeat(78);
    console.error(`\n${bar}\n!! E2E TESTS WILL FAIL: ${problem}\n${bar}\n`);
    return async () => {};
  }

  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('serverUrl', external.endsWith('/') ? external : `${external}/`);
    return async () => {};
  }

  if (!(process.env.E2E_SKIP_BUILD && existsSync(`${OUT_DIR}/index.html`))) {
    const started = Date.now();
    const viteBin = fileURLToPath(new URL('../../../node_modules/vite/bin/vite.js', import.meta.url));
    const res = spawnSync(
      process.execPath,
      [viteBin, 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' },
    );
    if (res.status !== 0) {
      throw new Error(
        `e2e: vite build failed (exit ${res.status ?? res.signal})\n${res.stdout ?? ''}\n${res.stderr ?? ''}`,
      );
    }
    console.log(`[e2e] vite build -> ${OUT_DIR} in ${Date.now() - started} ms`);
  }

  const server = await preview({
    root: ROOT,
    configFile: `${ROOT}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const addr = server.httpServer.address() as AddressInfo | null;
  if (!addr || typeof addr === 'string') throw new Error('e2e: preview server has no TCP address');
  const url = `http://127.0.0.1:${addr.port}/`;
  console.log(`[e2e] serving built site at ${url}`);
  project.provide('serverUrl', url);

  return async () => {
    await server.close();
  };
}
