// Starts nats-server with EventDesk's configuration (eventdesk.conf) and waits
// until it accepts WebSocket clients. Used by `npm run sync-server` and by the
// tests' global setup, which stop it again by PID.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CONFIG_FILE = join(here, 'eventdesk.conf');

/** The demo desk configured in desks.conf (its password is public: local use only). */
export const DEMO_DESK = { desk: 'demo', user: 'demo', password: 'demo-desk-secret' };

export function natsServerBinary() {
  const candidates = [process.env.NATS_SERVER, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error('nats-server not found. Install it (Debian/Ubuntu: apt-get install -y nats-server) or set NATS_SERVER to its path.');
  }
  return found;
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs nats-server in the background of this process.
 * Resolves once "Server is ready" was logged: { pid, url, stop() }.
 */
export async function startNatsServer({ port, clientPort = -1, dataDir, configFile = CONFIG_FILE, stdio = 'pipe', timeoutMs = 15_000 }) {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(natsServerBinary(), ['-c', configFile], {
    env: { ...process.env, SYNC_WS_PORT: String(port), SYNC_CLIENT_PORT: String(clientPort), SYNC_STORE_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`nats-server was not ready after ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk) => {
      log = (log + chunk.toString()).slice(-200_000);
      if (stdio === 'inherit') process.stderr.write(chunk);
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    const fail = (e) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(e);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`nats-server exited (code ${code}) before it was ready:\n${log}`)));
    child.once('error', fail);
  });
  if (stdio !== 'inherit') {
    // Keep draining its output so a chatty server never blocks on a full pipe.
    child.stdout.resume();
    child.stderr.resume();
  }
  // The recent output, for callers that wait for a later event (a cluster's leader election).
  const waiters = new Set();
  const keep = () => {
    for (const w of waiters) w();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    pid: child.pid,
    /** Resolves once the server's output (since start) matches `pattern`. */
    waitForOutput: (pattern, waitMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(log)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`nats-server did not log ${pattern} within ${waitMs} ms`));
        }, waitMs);
        waiters.add(check);
        check();
      }),
    url: `ws://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(child.pid, 'SIGTERM');
      }),
  };
}
