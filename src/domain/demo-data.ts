import { CommandHandler } from '../engine/command-handler';
import type { CommandSpec } from '../engine/command-handler';
import type { AppendMeta, StoredEvent } from '../engine/event-envelope';
import type { EventStore } from '../engine/event-store';
import { MemoryEventStore } from '../engine/memory-event-store';
import { cancelOrder, chargePoints, createPost, likePost, placeOrder, recordBatch, startOrder, unlikePost } from './commands';
import { createEventRegistry } from './events';
import { mulberry32, nextBatch } from './executor/execution-plan';
import { orderDecider } from './orders/order-decider';
import type { OrderState } from './orders/order-decider';
import { ME, orderStream, walletStream } from './streams';
import { walletDecider } from './wallet/wallet-decider';

/**
 * An honest demo history: every event comes from a real command run through
 * the CommandHandler against an in-memory store, so the history obeys every
 * rule. Deterministic for a given seed and startAt.
 */

export interface DemoOptions {
  seed: number;
  /** Orders to place (default 40). Ignored when eventsTarget is given: orders keep coming until the target. */
  orders?: number;
  /** meta.at of the first event, epoch ms. Default: three weeks before now, on the hour. */
  startAt?: number;
  /**
   * meta.at of the newest event, epoch ms (generateDemoHistory only): the history's times are spread evenly
   * between startAt and endAt. Default: now when startAt is not given, so a demo never runs into the future
   * (a live command would otherwise land before it in time).
   */
  endAt?: number;
  /** Stop once the log holds at least this many events (the last command may overshoot by a few). */
  eventsTarget?: number;
  /** Probability that an executor batch fails (default 0.06). */
  failureRate?: number;
  /** Likes per order, [min, max] (default [200, 5000]). Larger orders mean more batches per order. */
  quantityRange?: [number, number];
  /** Likes per batch, [min, max] (default [10, 100]). */
  batchSizeRange?: [number, number];
  /** Write into this store instead of a fresh MemoryEventStore (it should be empty). */
  store?: EventStore;
}

export const DEMO_USERS = ['alice', 'bob', 'minji', 'jisoo', 'hyunwoo', 'sora', 'daniel', 'yuna'] as const;

const POSTS: { postId: string; title: string; author: string }[] = [
  { postId: 'spring-cafe-opening', title: 'Our new café opens this spring', author: ME },
  { postId: 'hanok-weekend', title: 'A weekend in a Jeonju hanok', author: ME },
  { postId: 'summer-sale', title: 'Summer sale: 30% off all tumblers', author: ME },
  { postId: 'latte-art', title: 'Latte art in 60 seconds', author: 'minji' },
  { postId: 'busan-sunset', title: 'Sunset at Gwangalli beach', author: 'jisoo' },
  { postId: 'night-market', title: 'Night market food tour', author: ME },
  { postId: 'studio-tour', title: 'Behind the scenes: studio tour', author: 'alice' },
  { postId: 'coffee-beans', title: 'Three single-origin beans compared', author: ME },
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How long the history spans (its timestamps, not the time to generate it). */
const SPAN_MS = 21 * DAY;
/** Rough events per order, to spread timestamps over SPAN_MS. */
const EVENTS_PER_ORDER_ESTIMATE = 60;

interface ActiveOrder {
  orderId: string;
  correlationId: string;
  /** Designated outcomes so every history shows a cancellation and a failure. */
  fate: 'normal' | 'cancel' | 'fail';
}

export interface DemoSummary {
  events: number;
  commands: number;
  orders: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** Runs the demo commands into `store`; returns a summary. */
export async function runDemo(store: EventStore, options: DemoOptions): Promise<DemoSummary> {
  const rnd = mulberry32(options.seed ^ 0x5eed);
  const failureRate = options.failureRate ?? 0.06;
  const target = options.eventsTarget;
  const maxOrders = target === undefined ? (options.orders ?? 40) : Infinity;
  const expectedEvents = target ?? Math.max(1, maxOrders) * EVENTS_PER_ORDER_ESTIMATE + 100;
  const meanGap = Math.max(50, SPAN_MS / expectedEvents);
  let clock = options.startAt ?? Math.floor((Date.now() - SPAN_MS) / HOUR) * HOUR;

  const handler = new CommandHandler(store);
  const summary: DemoSummary = { events: 0, commands: 0, orders: 0, completed: 0, failed: 0, cancelled: 0 };
  let commandNo = 0;

  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const between = (lo: number, hi: number, step = 1) => lo + step * Math.floor(rnd() * (Math.floor((hi - lo) / step) + 1));
  /** Exponential-ish gap around `mean` ms. */
  const advance = (mean: number) => {
    clock += Math.max(1000, Math.round(-Math.log(1 - rnd()) * mean));
  };

  async function run(spec: CommandSpec, actor: string, correlationId?: string): Promise<string> {
    const commandId = `demo-${options.seed}-${++commandNo}`;
    const meta: AppendMeta = { actor, commandId, correlationId: correlationId ?? commandId, causationId: commandId, at: clock };
    const r = await handler.handle(spec, meta);
    summary.events += r.events.length;
    summary.commands++;
    return commandId;
  }

  const balance = async () => (await handler.loadStream(walletStream(ME), walletDecider)).state.balance;
  const orderState = async (orderId: string): Promise<OrderState> =>
    (await handler.loadStream(orderStream(orderId), orderDecider)).state;

  // --- setup: posts, a first charge, some likes
  for (const p of POSTS) {
    await run(createPost(p), p.author === ME ? ME : p.author);
    advance(2 * HOUR);
  }
  await run(chargePoints({ walletId: ME, amount: 100_000, description: 'Welcome charge' }), ME);
  const liked: Record<string, Record<string, true>> = {};
  for (const p of POSTS) liked[p.postId] = {};
  const toggleLike = async () => {
    const post = pick(POSTS).postId;
    const user = pick(DEMO_USERS);
    if (liked[post][user]) {
      await run(unlikePost({ postId: post, userId: user }), user);
      delete liked[post][user];
    } else {
      await run(likePost({ postId: post, userId: user }), user);
      liked[post][user] = true;
    }
  };
  for (let i = 0; i < 12; i++) {
    await toggleLike();
    advance(20 * MINUTE);
  }

  const active: ActiveOrder[] = [];
  let placed = 0;
  const maxConcurrent = 3;
  const done = () => (target !== undefined ? summary.events >= target : placed >= maxOrders && active.length === 0);

  while (!done()) {
    advance(meanGap);
    const r = rnd();
    if (active.length < maxConcurrent && placed < maxOrders && (active.length === 0 || r < 0.04)) {
      // --- the user places an order (charging first when the balance is short)
      const orderId = String(placed + 1);
      const [qMin, qMax] = options.quantityRange ?? [200, 5_000];
      const [bMin, bMax] = options.batchSizeRange ?? [10, 100];
      const quantity = between(qMin, qMax, 50);
      const unitPrice = between(2, 9);
      const batchSize = between(bMin, bMax, 5);
      const total = quantity * unitPrice;
      const have = await balance();
      if (have < total) {
        const amount = Math.min(10_000_000, Math.ceil((total - have + between(20_000, 150_000)) / 10_000) * 10_000);
        await run(chargePoints({ walletId: ME, amount, description: pick(['Card top-up', 'Bank transfer', 'Charge']) }), ME);
        advance(3 * MINUTE);
      }
      const n = placed + 1;
      // Order #2 fails and #3 is cancelled in every history with 3+ orders; more follow periodically.
      const fate: ActiveOrder['fate'] = n === 2 || n % 13 === 5 ? 'fail' : n % 11 === 3 ? 'cancel' : 'normal';
      const correlationId = await run(
        placeOrder({ orderId, walletId: ME, postId: pick(POSTS).postId, quantity, unitPrice, batchSize }),
        ME,
      );
      placed++;
      summary.orders++;
      active.push({ orderId, correlationId, fate });
    } else if (r < 0.1) {
      await toggleLike();
    } else if (active.length > 0) {
      // --- the executor works on one of the open orders
      const idx = Math.floor(rnd() * active.length);
      const a = active[idx];
      const s = await orderState(a.orderId);
      if (s.status === 'placed') {
        await run(startOrder({ orderId: a.orderId }), 'executor', a.correlationId);
        continue;
      }
      const progress = s.delivered / s.quantity;
      if (a.fate === 'cancel' && progress >= 0.4) {
        await run(cancelOrder({ orderId: a.orderId }), ME, a.correlationId);
        summary.cancelled++;
        active.splice(idx, 1);
        continue;
      }
      const rate = a.fate === 'fail' && progress >= 0.25 ? 1 : failureRate;
      const cmd = nextBatch(s, { failureRate: rate, seed: options.seed });
      await run(recordBatch(cmd), 'executor', a.correlationId);
      const after = await orderState(a.orderId);
      if (after.status !== 'in_progress') {
        if (after.status === 'completed') summary.completed++;
        else if (after.status === 'failed') summary.failed++;
        active.splice(idx, 1);
      }
    }
  }
  return summary;
}

/** Generates a demo history in a fresh in-memory store and returns every stored event. */
export async function generateDemoHistory(options: DemoOptions): Promise<StoredEvent[]> {
  const endAt = options.endAt ?? (options.startAt === undefined ? Date.now() : undefined);
  const store = options.store ?? new MemoryEventStore(createEventRegistry());
  await runDemo(store, options);
  const events = await store.readRange(1, await store.headSeq());
  return endAt === undefined ? events : fitTimes(events, endAt);
}

/**
 * Spreads the events' times linearly so the first keeps its time and the last is at `endAt`.
 * Order is kept (a monotonic map), so times still never go backwards.
 */
export function fitTimes(events: StoredEvent[], endAt: number): StoredEvent[] {
  if (events.length === 0) return events;
  const first = events[0].meta.at;
  const last = events[events.length - 1].meta.at;
  if (last === endAt || endAt <= first || last === first) return events;
  const scale = (endAt - first) / (last - first);
  return events.map((e) => ({ ...e, meta: { ...e.meta, at: first + Math.round((e.meta.at - first) * scale) } }));
}
