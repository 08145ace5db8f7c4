// Locating Chromium for the browser tests. Never downloads anything.
import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROME_PATH = '/usr/bin/chromium';

export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromePath(): string {
  return process.env.CHROME_PATH || DEFAULT_CHROME_PATH;
}

/** Returns an error message if Chromium is not usable, otherwise null. */
export function chromeProblem(path = chromePath()): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return (
      `Chromium not found at ${path}. The browser tests need it: ` +
      `install it with \`apt-get install -y chromium\` (Debian/Ubuntu) ` +
      `or set CHROME_PATH to a Chromium/Chrome binary. ` +
      `(Never use \`npx playwright install\`.)`
    );
  }
}
