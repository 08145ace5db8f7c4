import { CommandHandler, commandMeta } from '../../src/engine/command-handler';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { LogSync, type LogSyncOptions } from '../../src/engine/sync/log-sync';
import { MemoryUpstream, type MemoryDesk } from '../../src/engine/sync/memory-upstream';
import { PendingLog } from '../../src/engine/sync/pending-log';
import { MemorySyncStateStore } from '../../src/engine/sync/sync-state-store';
import type { Upstream } from '../../src/engine/sync/upstream';
import { orderRenumbering, specFor, type Command } from '../../src/domain/commands';
import { createEventRegistry } from '../../src/domain/events';

/** One device for sync tests: a log in memory, its pending tail, the sync, and a way to issue commands. */
export function syncDevice(name: string, options: Partial<Pick<LogSyncOptions, 'retryMs' | 'failoverRetryMs' | 'longOutageMs'>> = {}) {
  const registry = createEventRegistry();
  const confirmed = new MemoryEventStore(registry);
  const state = new MemorySyncStateStore();
  const log = new PendingLog(confirmed, registry, state);
  const sync = new LogSync({ log, state, redecide: (c) => specFor(c as Command), alternative: orderRenumbering, registry, retryMs: 60_000, ...options });
  const handler = new CommandHandler(log);
  return {
    name,
    registry,
    confirmed,
    state,
    log,
    sync,
    dispatch: (command: Command) => handler.handle(specFor(command), { ...commandMeta(name), command }),
    connect: (upstream: Upstream, desk = 'demo') => sync.connect(upstream, desk),
    /** The whole log (confirmed + pending) as it would be exported, one JSON line per event. */
    exportLines: async () => (await log.readRange(1, Infinity)).map((e) => JSON.stringify(e)),
    confirmedLines: async () => (await confirmed.readRange(1, Infinity)).map((e) => JSON.stringify(e)),
    balance: async () => walletBalance(await log.readRange(1, Infinity)),
  };
}

export type SyncDevice = ReturnType<typeof syncDevice>;

export function deviceOn(desk: MemoryDesk): MemoryUpstream {
  return new MemoryUpstream(desk);
}

/** The balance of wallet:me after each event of `events`, in order. */
export function balances(events: { streamId: string; type: string; data: unknown }[]): number[] {
  let balance = 0;
  const out: number[] = [];
  for (const e of events) {
    if (e.streamId === 'wallet:me') {
      const d = e.data as { amount: number };
      if (e.type === 'PointsCharged' || e.type === 'PointsRefunded') balance += d.amount;
      if (e.type === 'PointsDeducted') balance -= d.amount;
    }
    out.push(balance);
  }
  return out;
}

export function walletBalance(events: { streamId: string; type: string; data: unknown }[]): number {
  return balances(events).at(-1) ?? 0;
}

export const charge = (amount: number): Command => ({ type: 'ChargePoints', walletId: 'me', amount, description: 'Charge' });
export const post = (postId: string): Command => ({ type: 'CreatePost', postId, title: `Post ${postId}`, author: 'me' });
export const order = (orderId: string, quantity: number, unitPrice = 1): Command => ({
  type: 'PlaceOrder',
  orderId,
  walletId: 'me',
  postId: 'p1',
  quantity,
  unitPrice,
  batchSize: 100,
});

/**
 * Devices named `names` (in that order), each connected to `desk` through an upstream of its own, so a test can take
 * one device offline (`upstreams[i].setOnline(false)`) while the others stay reachable.
 */
export async function devicesOn<const N extends readonly string[]>(desk: MemoryDesk, ...names: N) {
  const devices = names.map((n) => syncDevice(n));
  const upstreams = names.map(() => deviceOn(desk));
  for (const [i, d] of devices.entries()) await d.connect(upstreams[i]);
  return { devices: devices as { [K in keyof N]: SyncDevice }, upstreams: upstreams as { [K in keyof N]: MemoryUpstream } };
}

/** What orders need, shared by every device: `first` charges `amount` and creates post p1, then each device syncs. */
export async function seedForOrders(amount: number, first: SyncDevice, ...others: SyncDevice[]) {
  await first.dispatch(charge(amount));
  await first.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'me' });
  for (const d of [first, ...others]) await d.sync.syncNow();
}
