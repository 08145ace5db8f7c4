// Vitest global setup (unit project): one real nats-server on free loopback ports
// for the NATS adapter's contract tests; stopped by PID when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort, startNatsServer } from '../../../sync/nats/nats-server-process.mjs';

export interface NatsTestServer {
  tcp: string;
  ws: string;
  user: string;
  password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    natsTestServer: NatsTestServer;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventdesk-nats-'));
  const [port, clientPort] = [await freePort(), await freePort()];
  const server = await startNatsServer({
    port,
    clientPort,
    dataDir,
    configFile: fileURLToPath(new URL('./nats-test.conf', import.meta.url)),
  });
  project.provide('natsTestServer', { tcp: `127.0.0.1:${clientPort}`, ws: server.url, user: 'tester', password: 'tester-secret' });
  return async () => {
    try {
      process.kill(server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
