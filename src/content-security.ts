// What the app needs to run under the site's Content-Security-Policy (vite.config.ts). Imported FIRST by
// main.tsx, for its effects: they must happen before any other module is evaluated.
// zod runs without eval (engine/zod-jitless.ts); importing it here keeps that true even before any schema module.
import './engine/zod-jitless';

// Trusted Types are required for every script sink. The app writes no HTML and
// evaluates no string, so the only sink it reaches is the service worker's registration (registerSW.js calls
// navigator.serviceWorker.register('/sw.js')). This default policy lets a script URL of this origin through
// and refuses everything else: a string bound for innerHTML, eval or a foreign script still throws.

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL?: (input: string) => string; createHTML?: (input: string) => string; createScript?: (input: string) => string },
  ): unknown;
}

function installTrustedTypesPolicy(): void {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return; // a browser without Trusted Types does not enforce them either
  factory.createPolicy('default', {
    createScriptURL: (input) => {
      const url = new URL(input, location.href);
      if (url.origin !== location.origin) throw new TypeError(`script URL refused: ${url.origin} is not this site`);
      return url.href;
    },
  });
}

installTrustedTypesPolicy();
