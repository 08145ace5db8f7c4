#!/usr/bin/env node
// `npm run sync-server`: one local nats-server for EventDesk sync, in the foreground
// until Ctrl-C. Prints the URL and the demo desk's credentials once it is ready.
//   SYNC_PORT      WebSocket port (default 9222)
//   SYNC_DATA_DIR  JetStream data folder (default ./sync-data, git-ignored); data survives restarts
import { resolve } from 'node:path';
import { DEMO_DESK, startNatsServer } from '../sync/nats/nats-server-process.mjs';

const port = Number(process.env.SYNC_PORT ?? 9222);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`SYNC_PORT must be a port number, not "${process.env.SYNC_PORT}".`);
  process.exit(2);
}
const dataDir = resolve(process.env.SYNC_DATA_DIR ?? 'sync-data');

let server;
try {
  server = await startNatsServer({ port, dataDir, stdio: process.env.SYNC_VERBOSE ? 'inherit' : 'pipe' });
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
console.log(`url: ${server.url}`);
console.log(`desk: ${DEMO_DESK.desk}`);
console.log(`user: ${DEMO_DESK.user}`);
console.log(`password: ${DEMO_DESK.password}`);
console.log(`data: ${dataDir}`);
console.log('Open EventDesk, Data panel → Sync, and connect with these. Ctrl-C stops the server.');

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.once('exit', (code) => {
  console.error(`nats-server stopped (code ${code}).`);
  process.exit(code ?? 1);
});
