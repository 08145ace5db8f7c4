// Headless Chromium with the flags every bench page runs under, and the machine it ran on.
import os from 'node:os';
import { chromium } from 'playwright-core';
import { round } from './stats.mjs';

export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // performance.memory with real numbers, and gc() for heap figures.
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
}

export function machineInfo(browser) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGiB: round(os.totalmem() / 1024 ** 3, 1),
    chromium: browser.version(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}
