// @vitest-environment node
// The shipped config (sync/nats/eventdesk.conf + desks.conf) lets the demo desk's user keep its sealed
// segments: without these permissions a fresh device's segment read would be refused and its sync stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONFIG_FILE, DEMO_DESK, freePort, startNatsServer } from '../../sync/nats/nats-server-process.mjs';
import { NatsUpstream } from '../../src/engine/nats/nats-upstream';

let server: Awaited<ReturnType<typeof startNatsServer>>;
let clientPort = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'eventdesk-shipped-'));
beforeAll(async () => {
  clientPort = await freePort();
  server = await startNatsServer({ port: await freePort(), clientPort, dataDir, configFile: CONFIG_FILE });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('the demo desk’s user may create, publish and read its segment stream with the shipped permissions', async () => {
  const upstream = new NatsUpstream({ desk: DEMO_DESK.desk, connect: () => connect({ servers: `127.0.0.1:${clientPort}`, user: DEMO_DESK.user, pass: DEMO_DESK.password }) });
  try {
    expect(await upstream.segmentCount()).toBe(0);
    expect(await upstream.readSegment(0)).toBeUndefined();
    await upstream.putSegment(0, 'segment zero');
    await upstream.putSegment(0, 'another copy');
    expect(await upstream.readSegment(0)).toBe('segment zero');
    expect(await upstream.segmentCount()).toBe(1);
    expect(await upstream.messageAt(1)).toBeUndefined();
  } finally {
    await upstream.close();
  }
});
