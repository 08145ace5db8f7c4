import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The Content-Security-Policy of the built site. A static host may send no headers, so it is a
// <meta http-equiv> in the built index.html (and so also in the copy the service worker serves offline).
// - script-src 'self': only the built chunks and registerSW.js (both files); no inline script, no eval
//   (zod's eval fast path is switched off in src/content-security.ts, so it does not even probe for it).
// - style-src 'self': the built CSS only. React's `style={{…}}` and uPlot set styles through the CSSOM
//   (element.style), which CSP does not restrict; a style="" attribute in markup would be refused.
// - connect-src ws: wss:: opt-in sync talks to a NATS server at whatever ws:// or wss:// URL the user enters.
// - require-trusted-types-for 'script': no string can reach innerHTML, eval or a script URL (Chromium
//   enforces it); the app writes no HTML, so hostile text has no way in even through a future slip. The one
//   policy allowed, 'default' (src/content-security.ts), passes only script URLs of this site (the
//   service worker's registration).
// frame-ancestors cannot be set by <meta>; a host that sends headers should add `frame-ancestors 'none'`.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  "trusted-types default",
].join('; ');

/** Puts the policy first in the built app's <head> (before any script); not in dev, where Vite needs inline scripts. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'eventdesk:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) =>
        ctx.path === '/index.html'
          ? [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }]
          : html,
    },
  };
}

// EventDesk is a static, offline-first site: `vite build` emits dist/ with a
// Workbox service worker that precaches every asset, so after the first visit
// the app (and its IndexedDB event log) works with no network at all.
export default defineConfig({
  base: '/',
  plugins: [
    react(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'autoUpdate',
      // 'auto': if the app imports `virtual:pwa-register` it registers the SW
      // itself; otherwise the plugin injects registerSW.js into index.html.
      injectRegister: 'auto',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      manifest: {
        name: 'EventDesk',
        short_name: 'EventDesk',
        description:
          'Offline-first, event-sourced order desk: wallet passbook, posts with likes, SNS-marketing orders and a timeline over the whole log.',
        theme_color: '#0f766e',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deployments, and no
        // chunk is over 500 kB. The stats chart (uPlot) is loaded only when the chart is drawn.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'storage', test: /node_modules[\\/](dexie|immer|zustand)[\\/]/, priority: 20 },
            { name: 'schema', test: /node_modules[\\/]zod[\\/]/, priority: 20 },
            // The NATS client is only used once sync is configured.
            { name: 'nats', test: /node_modules[\\/]@nats-io[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
