#!/usr/bin/env node
// `npm run sync-server`: one local nats-server for EventDesk sync, in the foreground
// until Ctrl-C. Prints the URL and the demo desk's credentials once it is ready.
// `npm run sync-server -- --cluster`: three nodes as one JetStream cluster (desk streams
// replicated 3 times); prints every node's URL (give the browser all of them).
//   SYNC_PORT      WebSocket port (default 9222; the cluster uses it and the next two)
//   SYNC_DATA_DIR  JetStream data folder (default ./sync-data, or ./sync-data/cluster; git-ignored); data survives restarts
import { resolve } from 'node:path';
import { startNatsCluster } from '../sync/nats/nats-cluster.mjs';
import { DEMO_DESK, startNatsServer } from '../sync/nats/nats-server-process.mjs';

const cluster = process.argv.includes('--cluster');
const port = Number(process.env.SYNC_PORT ?? 9222);
if (!Number.isInteger(port) || port <= 0 || port > 65535 - 2) {
  console.error(`SYNC_PORT must be a port number, not "${process.env.SYNC_PORT}".`);
  process.exit(2);
}
const dataDir = resolve(process.env.SYNC_DATA_DIR ?? (cluster ? 'sync-data/cluster' : 'sync-data'));
const stdio = process.env.SYNC_VERBOSE ? 'inherit' : 'pipe';

let servers;
try {
  if (cluster) {
    const c = await startNatsCluster({ dataDir, wsPorts: [port, port + 1, port + 2], clientPorts: [-1, -1, -1], stdio });
    servers = c.nodes.map((node) => node.server);
  } else {
    servers = [await startNatsServer({ port, dataDir, stdio })];
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
if (cluster) servers.forEach((server, i) => console.log(`node ${i + 1}: ${server.url} (pid ${server.pid})`));
console.log(`url: ${servers.map((server) => server.url).join(',')}`);
console.log(`desk: ${DEMO_DESK.desk}`);
console.log(`user: ${DEMO_DESK.user}`);
console.log(`password: ${DEMO_DESK.password}`);
console.log(`data: ${dataDir}`);
console.log('Open EventDesk, Data panel → Sync, and connect with these. Ctrl-C stops the server.');
if (cluster) console.log('Stop any one node (kill PID) and the desk keeps working; Ctrl-C and start this again (same data folder) to bring it back.');

let stopping = false;
const stop = async () => {
  stopping = true;
  await Promise.all(servers.map((server) => server.stop()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
let running = servers.length;
for (const server of servers) {
  server.child.once('exit', (code, signal) => {
    if (stopping) return;
    running -= 1;
    console.error(`nats-server ${server.url} stopped (${signal ?? `code ${code}`}).`);
    // One node of a cluster may go; the desk carries on with the other two.
    if (running === 0 || !cluster) process.exit(code ?? 1);
  });
}
