// Bench page for bench/sections/sync-cluster.mjs: devices as the app builds them (a log, its
// pending tail, LogSync, the NATS adapter over WebSocket from this Chromium page), in memory so
// IndexedDB is not what is measured. Two devices in one page = two WebSocket connections.
import { wsconnect } from '@nats-io/nats-core';
import { CommandHandler, commandMeta } from '../../src/engine/command-handler';
import { MemoryEventStore } from '../../src/engine/memory-event-store';
import { NatsUpstream } from '../../src/engine/nats/nats-upstream';
import { LogSync } from '../../src/engine/sync/log-sync';
import { PendingLog } from '../../src/engine/sync/pending-log';
import { MemorySyncStateStore } from '../../src/engine/sync/sync-state-store';
import { specFor, type Command } from '../../src/domain/commands';
import { createEventRegistry } from '../../src/domain/events';

interface Credentials {
  desk: string;
  user: string;
  pass: string;
}

function device(name: string, servers: string[], c: Credentials, onlyThese = false) {
  const registry = createEventRegistry();
  const confirmed = new MemoryEventStore(registry);
  const state = new MemorySyncStateStore();
  const log = new PendingLog(confirmed, registry, state);
  const sync = new LogSync({ log, state, registry, redecide: (cmd) => specFor(cmd as Command), retryMs: 500, failoverRetryMs: 250 });
  const handler = new CommandHandler(log);
  const upstream = new NatsUpstream({
    desk: c.desk,
    connect: () =>
      wsconnect({ servers, user: c.user, pass: c.pass, reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250, ignoreClusterUpdates: onlyThese }),
  });
  /** When each confirmed head was first reached here (performance.now()). */
  const reached = new Map<number, number>();
  const confirmations: number[] = [];
  log.onAppended(() => {
    void confirmed.headSeq().then((h) => {
      if (!reached.has(h)) {
        reached.set(h, performance.now());
        confirmations.push(performance.now());
      }
    });
  });
  const charge = (amount: number): Command => ({ type: 'ChargePoints', walletId: 'me', amount, description: 'bench' });
  return {
    sync,
    confirmed,
    reached,
    confirmations,
    connect: () => sync.connect(upstream, c.desk),
    dispatch: (amount: number) => handler.handle(specFor(charge(amount)), { ...commandMeta(name), command: charge(amount) }),
    synced: () => sync.status.phase === 'synced' && sync.status.pending === 0,
  };
}

type Device = ReturnType<typeof device>;
const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 120_000) => {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
};

let a: Device;
let b: Device;

const api = {
  async connect(servers: string[], c: Credentials) {
    a = device('bench-a', servers, c);
    b = device('bench-b', servers, c);
    await a.connect();
    await b.connect();
  },
  /** A commits a charge; how long until B holds it confirmed (ms each). */
  async latency(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const head = await a.confirmed.headSeq();
      const t0 = performance.now();
      await a.dispatch(1);
      await until(async () => (await b.confirmed.headSeq()) > head);
      out.push(performance.now() - t0);
    }
    return out;
  },
  /** `n` commands issued at once on A; ms until all are confirmed. */
  async throughput(n: number): Promise<number> {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await a.dispatch(1);
    await until(() => a.synced());
    return performance.now() - t0;
  },
  /** Both devices issue a command every `everyMs` for `ms`; returns confirmation times relative to start. */
  async pushFor(ms: number, everyMs: number): Promise<{ times: number[]; issued: number; lost: number }> {
    const t0 = performance.now();
    const from = [a.confirmations.length, b.confirmations.length];
    let issued = 0;
    while (performance.now() - t0 < ms) {
      await (issued % 2 ? b : a).dispatch(1);
      issued++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await until(async () => a.synced() && b.synced() && (await a.confirmed.headSeq()) === (await b.confirmed.headSeq()));
    const times = [...a.confirmations.slice(from[0]), ...b.confirmations.slice(from[1])].map((t) => t - t0);
    return { times, issued, lost: 0 };
  },
  statuses: () => [a.sync.status, b.sync.status],
  heads: async () => [await a.confirmed.headSeq(), await b.confirmed.headSeq()],
  /** A fresh device connected only to `server`: ms until it holds the whole desk. */
  async lateDevice(server: string, c: Credentials): Promise<{ ms: number; head: number }> {
    const t0 = performance.now();
    const late = device('bench-late', [server], c, true);
    await late.connect();
    await until(() => late.synced());
    return { ms: performance.now() - t0, head: await late.confirmed.headSeq() };
  },
};

declare global {
  interface Window {
    __syncBench: typeof api;
  }
}
window.__syncBench = api;
document.getElementById('status')!.textContent = 'ready';
