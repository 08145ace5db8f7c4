// Bench-only build: the real app (index.html) plus bench/page/bench.html, into a
// private directory so it never touches dist/. Used by bench/run.mjs.
import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';
import appConfig from '../vite.config.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

export default mergeConfig(appConfig as UserConfig, {
  root,
  build: {
    outDir: fileURLToPath(new URL('../node_modules/.cache/eventdesk-bench/dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // --profile: readable function names in CPU profiles.
    minify: process.env.EVENTDESK_BENCH_PROFILE ? false : undefined,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('../index.html', import.meta.url)),
        bench: fileURLToPath(new URL('./page/bench.html', import.meta.url)),
        peers: fileURLToPath(new URL('./page/peers.html', import.meta.url)),
        sync: fileURLToPath(new URL('./page/sync.html', import.meta.url)),
      },
    },
  },
} satisfies UserConfig);
