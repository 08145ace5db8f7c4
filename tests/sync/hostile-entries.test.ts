// @vitest-environment node
// A device with valid credentials publishing garbage: every device checks every pulled entry with
// the import's rules and the deciders' verdict, quarantines a failing one at its position, alike
// everywhere, applies nothing of it, and goes on syncing.
import { connect } from '@nats-io/transport-node';
import { describe, expect, inject, it } from 'vitest';
import { NatsUpstream, deskSubject } from '../../src/engine/nats/nats-upstream';
import { MAX_ENTRY_BYTES } from '../../src/engine/sync/entry-validation';
import { MemoryDesk } from '../../src/engine/sync/memory-upstream';
import { charge, deviceOn, order, post, syncDevice, type SyncDevice } from './sync-device';

/** What a hostile device's raw message becomes on the desk: the next entry, as stored. */
function publishRaw(desk: MemoryDesk, text: string): void {
  desk.entries.push(text);
  desk.watchers.forEach((w) => w());
}

/** A well-formed entry taking the next positions after `head`, as a hostile device would forge it. */
function forged(commandId: string, command: unknown, events: { streamId: string; version: number; type: string; data: unknown; schemaVersion?: number }[], head: number): string {
  const meta = { at: 1_700_000_000_000, actor: 'mallory', commandId, correlationId: commandId, causationId: commandId };
  return JSON.stringify({
    v: 1,
    commandId,
    command,
    events: events.map((e, i) => ({ seq: head + 1 + i, schemaVersion: 1, ...e, meta })),
  });
}

async function twoDevicesWithHistory() {
  const desk = new MemoryDesk();
  const a = syncDevice('a');
  const b = syncDevice('b');
  await a.connect(deviceOn(desk));
  await b.connect(deviceOn(desk));
  await a.dispatch(charge(1_000));
  await a.dispatch(post('p1'));
  await a.sync.syncNow();
  await b.sync.syncNow();
  return { desk, a, b };
}

/** After a hostile entry: both devices quarantined it at the same position with the same reason, applied nothing, and still sync. */
async function expectQuarantinedAlike(desk: MemoryDesk, devices: SyncDevice[], reason: RegExp) {
  for (const d of devices) await d.sync.syncNow();
  const position = desk.entries.length;
  const [first, ...others] = devices.map((d) => d.sync.status.quarantined);
  expect(first.at(-1)?.upstreamSeq).toBe(position);
  expect(first.at(-1)?.reason).toMatch(reason);
  for (const q of others) expect(q).toEqual(first);
  const logs = await Promise.all(devices.map((d) => d.exportLines()));
  for (const l of logs) expect(l.join('\n')).toBe(logs[0].join('\n'));
  for (const d of devices) expect(d.sync.status.phase).toBe('synced');
  // Sync goes on: an honest command after it reaches every device.
  await devices[0].dispatch(charge(5));
  for (const d of devices) await d.sync.syncNow();
  await devices[0].sync.syncNow();
  const after = await Promise.all(devices.map((d) => d.exportLines()));
  for (const l of after) expect(l.join('\n')).toBe(after[0].join('\n'));
  expect(after[0].length).toBe(logs[0].length + 1);
}

describe('hostile desk entries are quarantined alike on every device', () => {
  it('malformed JSON', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    publishRaw(desk, '{"v":1,"commandId":"x","events":[');
    await expectQuarantinedAlike(desk, [a, b], /not valid JSON/);
    expect(await a.balance()).toBe(1_005);
  });

  it('an unknown event type', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    publishRaw(desk, forged('u1', null, [{ streamId: 'wallet:me', version: 2, type: 'PointsTeleported', data: { amount: 1 } }], 2));
    await expectQuarantinedAlike(desk, [a, b], /PointsTeleported/);
  });

  it('a __proto__ key in a payload', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    const text = forged('p1x', { type: 'ChargePoints', walletId: 'me', amount: 5 }, [{ streamId: 'wallet:me', version: 2, type: 'PointsCharged', schemaVersion: 2, data: { amount: 5, description: 'x' } }], 2)
      .replace('"description":"x"', '"description":"x","__proto__":{"isAdmin":true}');
    publishRaw(desk, text);
    await expectQuarantinedAlike(desk, [a, b], /forbidden key "events\[0\]\.data\.__proto__"/);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('an event that would make the balance negative (its command refused by the deciders, or events its command does not decide)', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    // An order for 5,000 points against a balance of 1,000, with the deduction it would need.
    publishRaw(
      desk,
      forged('o1', order('o1', 5_000), [{ streamId: 'wallet:me', version: 2, type: 'PointsDeducted', data: { amount: 5_000, orderId: 'o1' } }], 2),
    );
    await expectQuarantinedAlike(desk, [a, b], /the rules refuse it/);
    // A harmless command carrying a deduction it never decides.
    publishRaw(
      desk,
      forged('o2', charge(1), [{ streamId: 'wallet:me', version: 3, type: 'PointsDeducted', data: { amount: 9_000, orderId: 'o2' } }], 3),
    );
    await expectQuarantinedAlike(desk, [a, b], /not what its command decides/);
    // No command at all, once the desk is past its first history: nothing to check it against.
    publishRaw(desk, forged('o3', null, [{ streamId: 'wallet:me', version: 4, type: 'PointsDeducted', data: { amount: 9_000, orderId: 'o3' } }], 4));
    await expectQuarantinedAlike(desk, [a, b], /no command to check it against/);
    for (const d of [a, b]) expect(await d.balance()).toBe(1_015);
  });

  it('a 5 MB message', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    publishRaw(desk, forged('big', charge(5), [{ streamId: 'wallet:me', version: 2, type: 'PointsCharged', schemaVersion: 2, data: { amount: 5, description: 'x'.repeat(5 * 1024 * 1024) } }], 2));
    expect(desk.entries.at(-1)!.length).toBeGreaterThan(MAX_ENTRY_BYTES);
    await expectQuarantinedAlike(desk, [a, b], /larger than 1 MB/);
  });

  it('a duplicated command id (a replay of an earlier entry, past the server’s dedup window)', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    const firstCharge = JSON.parse(desk.entries[0]) as { commandId: string; command: unknown; events: { data: unknown }[] };
    publishRaw(desk, forged(firstCharge.commandId, firstCharge.command, [{ streamId: 'wallet:me', version: 2, type: 'PointsCharged', schemaVersion: 2, data: firstCharge.events[0].data }], 2));
    await expectQuarantinedAlike(desk, [a, b], /already in the log/);
    expect(await a.balance()).toBe(1_005);
  });

  it('a device that joins later reaches the same verdicts, so its log is identical too', async () => {
    const { desk, a, b } = await twoDevicesWithHistory();
    publishRaw(desk, 'not json');
    publishRaw(desk, forged('o1', order('o1', 5_000), [{ streamId: 'wallet:me', version: 2, type: 'PointsDeducted', data: { amount: 5_000, orderId: 'o1' } }], 2));
    await a.dispatch(charge(7));
    await a.sync.syncNow();
    await b.sync.syncNow();
    const late = syncDevice('late');
    await late.connect(deviceOn(desk));
    expect(late.sync.status.quarantined).toEqual(a.sync.status.quarantined);
    expect(late.sync.status.quarantined.map((q) => q.upstreamSeq)).toEqual([3, 4]);
    expect(await late.exportLines()).toEqual(await a.exportLines());
    expect(await b.exportLines()).toEqual(await a.exportLines());
  });

  it('on a real nats-server a 5 MB publish is refused outright (max_payload 1 MB) and the desk carries on', async () => {
    const server = inject('natsTestServer');
    const desk = `h${process.pid}_${Date.now()}`;
    const a = syncDevice('a');
    const opts = { servers: server.tcp, user: server.user, pass: server.password };
    await a.connect(new NatsUpstream({ desk, connect: () => connect(opts) }), desk);
    await a.dispatch(charge(100));
    await a.sync.syncNow();
    const nc = await connect(opts);
    try {
      expect(() => nc.publish(deskSubject(desk), 'x'.repeat(5 * 1024 * 1024))).toThrow(/max_payload|payload/i);
    } finally {
      await nc.close();
    }
    await a.dispatch(charge(1));
    await a.sync.syncNow();
    const b = syncDevice('b');
    await b.connect(new NatsUpstream({ desk, connect: () => connect(opts) }), desk);
    expect(await b.exportLines()).toEqual(await a.exportLines());
    expect(b.sync.status.quarantined).toEqual([]);
    await Promise.all([a.sync.disconnect(), b.sync.disconnect()]);
  });
});
