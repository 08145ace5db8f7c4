// A Chromium this test starts itself, on a persistent profile, so that it can
// be killed with SIGKILL like a crash or a power cut and started again on the
// same IndexedDB. (launchBrowser() gives Playwright the process; here the test owns it.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROME_ARGS, chromePath } from './chrome';

export interface KillableChromium {
  browser: Browser;
  /** The profile's default context: its storage is the profile's, on disk. */
  context: BrowserContext;
  pid: number;
  /** SIGKILL to the browser and every process it started (its process group); resolves once it is gone. */
  kill(): Promise<void>;
  /** A normal shutdown. */
  close(): Promise<void>;
}

/** A fresh profile directory; remove it with removeProfile. */
export function newProfile(): string {
  return mkdtempSync(join(tmpdir(), 'eventdesk-crash-'));
}

export function removeProfile(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts Chromium on `profileDir` with a DevTools port and connects Playwright to it. */
export async function startChromium(profileDir: string): Promise<KillableChromium> {
  const executable = inject('chromePath') || chromePath();
  const child: ChildProcess = spawn(
    executable,
    [...CHROME_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', '--window-size=1280,800', 'about:blank'],
    // Its own process group, so that the kill takes the renderer and storage processes with it.
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${executable}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools URL in 30 s:\n${seen}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${String(code)}) before listening:\n${seen}`)));
  });
  // Keep reading stderr so that Chromium never blocks on a full pipe.
  child.stderr!.resume();
  const browser = await chromium.connectOverCDP(wsUrl);
  const context = browser.contexts()[0];
  return {
    browser,
    context,
    pid,
    async kill() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await exited;
    },
    async close() {
      await browser.close().catch(() => {});
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
  };
}
