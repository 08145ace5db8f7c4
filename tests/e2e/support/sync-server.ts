// Sync test infrastructure that a test owns: a nats-server it can stop and start
// again on the same ports and data (to make the desk unreachable for real), and
// a desk filled from Node (to test a fresh device pulling a large desk).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { freePort, startNatsServer } from '../../../sync/nats/nats-server-process.mjs';
import { NatsUpstream, deskSubject } from '../../../src/engine/nats/nats-upstream';
import { encodePayload } from '../../../src/engine/sync/upstream';
import { publishSealedSegments } from '../../../src/engine/sync/segment-publisher';
import type { StoredEvent } from '../../../src/engine/event-envelope';
import type { NatsTestServer } from '../../sync/support/nats-global-setup';

const CONFIG = fileURLToPath(new URL('../../sync/support/nats-test.conf', import.meta.url));

export interface OwnNatsServer extends NatsTestServer {
  /** Stops the server (by PID): every device's connection drops. */
  stop(): Promise<void>;
  /** Starts it again on the same ports with the same data (nothing when it runs). */
  start(): Promise<void>;
  /** Stops it for good and removes its data. */
  dispose(): Promise<void>;
}

export async function ownNatsServer(): Promise<OwnNatsServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-nats-'));
  const [port, clientPort] = [await freePort(), await freePort()];
  let server: Awaited<ReturnType<typeof startNatsServer>> | undefined;
  const start = async () => {
    if (server) return; // already running
    server = await startNatsServer({ port, clientPort, dataDir, configFile: CONFIG });
  };
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  await start();
  return {
    tcp: `127.0.0.1:${clientPort}`,
    ws: `ws://127.0.0.1:${port}`,
    user: 'tester',
    password: 'tester-secret',
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `events` to a new desk from Node as the app would have pushed them:
 * one message per command (a run of events sharing a command id), in order.
 * Published with many acks in flight, which keeps order on one connection.
 * With `segments`, the desk's sealed segments are published too.
 */
export async function fillDesk(server: NatsTestServer, desk: string, events: StoredEvent[], options: { segments?: boolean } = {}): Promise<number> {
  const open = () => connect({ servers: server.tcp, user: server.user, pass: server.password });
  const commands = await publishCommands(desk, events, open);
  if (options.segments) {
    // What the first device to sync it would do: publish the desk's sealed segments (the app's own publisher).
    const upstream = new NatsUpstream({ desk, connect: open });
    try {
      await publishSealedSegments(upstream, commands);
    } finally {
      await upstream.close();
    }
  }
  return commands;
}

async function publishCommands(desk: string, events: StoredEvent[], open: () => ReturnType<typeof connect>): Promise<number> {
  const upstream = new NatsUpstream({ desk, connect: open });
  await upstream.info(); // creates the desk's stream exactly as the app does
  await upstream.close();
  const nc = await open();
  try {
    const js = jetstream(nc, { timeout: 30_000 });
    const acks: Promise<unknown>[] = [];
    let commands = 0;
    for (let i = 0; i < events.length; ) {
      const id = events[i].meta.commandId;
      let j = i;
      while (j < events.length && events[j].meta.commandId === id) j++;
      acks.push(js.publish(deskSubject(desk), encodePayload({ commandId: id, command: null, events: events.slice(i, j) }), { msgID: id }));
      commands++;
      i = j;
      if (acks.length >= 256) await Promise.all(acks.splice(0));
    }
    await Promise.all(acks);
    return commands;
  } finally {
    await nc.close();
  }
}
