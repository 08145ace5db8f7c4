// Builds the production app plus the bench-only page into a private directory and serves it with Vite's preview().
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './log.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = path.join(ROOT, 'node_modules/.cache/eventdesk-bench/dist');

export async function buildAndServe(opts) {
  process.env.NODE_ENV = 'production';
  if (opts.profile) process.env.EVENTDESK_BENCH_PROFILE = '1';
  const { build, preview } = await import('vite');
  const config = path.join(ROOT, 'bench/vite.bench.config.ts');
  if (opts.build || opts.profile || !existsSync(path.join(OUT_DIR, 'bench/page/bench.html'))) {
    const t = Date.now();
    await build({ root: ROOT, configFile: config, logLevel: 'warn', mode: 'production' });
    log(`vite build -> ${path.relative(ROOT, OUT_DIR)} in ${Date.now() - t} ms`);
    writeFileSync(path.join(OUT_DIR, '.workaround'), process.env.EVENTDESK_BENCH_WORKAROUND ?? '');
  }
  const server = await preview({
    root: ROOT,
    configFile: config,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no TCP address');
  return { server, url: `http://127.0.0.1:${addr.port}/` };
}

/** Bench-only workarounds the build recorded (reported, so a figure never hides one). */
export function workarounds() {
  try {
    const w = readFileSync(path.join(OUT_DIR, '.workaround'), 'utf8').trim();
    return w ? [w] : [];
  } catch {
    return [];
  }
}
