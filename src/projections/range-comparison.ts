import type { StoredEvent } from '../engine/event-envelope';
import { ordersBoardProjection, type OrderRow, type OrderStatus, type OrdersBoardState } from './orders-board';
import { passbookProjection, type PassbookLine, type PassbookState } from './passbook';
import { postsProjection, type PostRow, type PostsState } from './posts';
import type { RangeSummary } from './range-summary';
import type { ViewState } from './view-projection';

/**
 * "What changed between A and B": the events in (A, B] folded over the state
 * at A with the same projections the views use — never a diff of two whole
 * states. Only what the range touches is copied from the base (one order row,
 * one post row), so the cost is the range's length, not the history's.
 *
 * Pure and incremental: `RangeFold.add` takes the range's events page by page
 * (in seq order), `result()` can be read at any point. A what-if branch can
 * fold its own events over the state at its fork in the same way.
 */

export interface OrderChange {
  orderId: string;
  /** Null when the order was placed inside the range. */
  before: { status: OrderStatus; delivered: number } | null;
  after: { status: OrderStatus; delivered: number };
}

export interface LikeChange {
  postId: string;
  title: string;
  before: number;
  after: number;
}

/** The events of the range, as compact columns (a range can hold 100k+ events). */
export interface RangeEvents {
  seqs: number[];
  /** Index into `types`, per event. */
  typeOf: number[];
  /** Index into `streams`, per event. */
  streamOf: number[];
  types: string[];
  streams: string[];
}

export interface RangeComparison {
  /** The range is (from, to]. */
  from: number;
  to: number;
  balanceBefore: number;
  balanceAfter: number;
  /** Passbook lines written in the range, oldest first. */
  lines: PassbookLine[];
  /** Orders whose status or delivered count changed, in the order they were first touched. */
  orders: OrderChange[];
  /** Posts whose like count changed (net), in the order they were first touched. */
  likes: LikeChange[];
  /** Events in the range per type, sorted by count (most first), then name. */
  countsByType: { type: string; count: number }[];
  events: RangeEvents;
}

function orderIdOf(e: StoredEvent): string | undefined {
  const id = (e.data as { orderId?: unknown } | null)?.orderId;
  return typeof id === 'string' ? id : undefined;
}

function postIdOf(e: StoredEvent): string | undefined {
  const id = (e.data as { postId?: unknown } | null)?.postId;
  return typeof id === 'string' ? id : undefined;
}

export class RangeFold {
  private readonly passbook: PassbookState;
  private readonly orders: OrdersBoardState;
  private readonly posts: PostsState;
  private readonly touchedOrders: string[] = [];
  private readonly touchedPosts: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly streamIndex = new Map<string, number>();
  private readonly events: RangeEvents = { seqs: [], typeOf: [], streamOf: [], types: [], streams: [] };
  private readonly typeCounts: number[] = [];
  private to: number;

  /** `base` is the view state after event `from`; it is read, never changed. */
  constructor(
    private readonly base: ViewState,
    private readonly from: number,
  ) {
    this.to = from;
    this.passbook = { balance: base.passbook.balance, lines: [] };
    this.orders = { byId: {}, order: [], counts: { ...base.orders.counts } };
    this.posts = { byId: {}, order: [], orderPost: {} };
  }

  /** The last seq folded (the range's end so far). */
  get position(): number {
    return this.to;
  }

  /** The state the range is folded over, and where. */
  get start(): { seq: number; state: ViewState } {
    return { seq: this.from, state: this.base };
  }

  /** Folds the next events of the range (ascending seq, each after the last one added). */
  add(events: readonly StoredEvent[]): this {
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.seq <= this.to) continue;
      this.to = e.seq;
      this.note(e);
      this.apply(e);
    }
    return this;
  }

  /**
   * Folds a condensed run (range-summary.ts) that starts right after the
   * position: the same comparison as adding its events, without them.
   */
  addSummary(summary: RangeSummary): this {
    if (summary.to <= this.to) return this;
    if (summary.from !== this.to) throw new RangeError(`A summary of (${summary.from}, ${summary.to}] does not follow position ${this.to}.`);
    const types = summary.types.map((type) => this.typeId(type));
    const streams = summary.streams.map((stream) => this.streamId(stream));
    const { seqs, typeOf, streamOf } = this.events;
    for (let i = 0; i < summary.typeOf.length; i++) {
      const t = types[summary.typeOf[i]];
      seqs.push(summary.from + i + 1);
      typeOf.push(t);
      streamOf.push(streams[summary.streamOf[i]]);
      this.typeCounts[t]++;
    }
    for (const e of summary.condensed) this.apply(e);
    this.to = summary.to;
    return this;
  }

  private apply(e: StoredEvent): void {
    this.touch(e);
    passbookProjection.apply(this.passbook, e);
    ordersBoardProjection.apply(this.orders, e);
    postsProjection.apply(this.posts, e);
  }

  private typeId(type: string): number {
    let t = this.typeIndex.get(type);
    if (t === undefined) {
      t = this.events.types.push(type) - 1;
      this.typeIndex.set(type, t);
      this.typeCounts.push(0);
    }
    return t;
  }

  private streamId(stream: string): number {
    let s = this.streamIndex.get(stream);
    if (s === undefined) {
      s = this.events.streams.push(stream) - 1;
      this.streamIndex.set(stream, s);
    }
    return s;
  }

  /** Lists the event and counts its type. */
  private note(e: StoredEvent): void {
    const t = this.typeId(e.type);
    const s = this.streamId(e.streamId);
    this.events.seqs.push(e.seq);
    this.events.typeOf.push(t);
    this.events.streamOf.push(s);
    this.typeCounts[t]++;
  }

  /** Copies into the working state the base's rows this event is about to change (copy on first touch). */
  private touch(e: StoredEvent): void {
    const orderId = orderIdOf(e);
    if (orderId !== undefined) {
      if (!this.orders.byId[orderId]) {
        const row = this.base.orders.byId[orderId];
        if (row) {
          this.orders.byId[orderId] = { ...row, stoppedAt: row.stoppedAt && { ...row.stoppedAt } };
          this.orders.order.push(orderId);
        }
        if (row || e.type === 'OrderPlaced') this.touchedOrders.push(orderId);
      }
      if (!(orderId in this.posts.orderPost) && orderId in this.base.posts.orderPost) {
        this.posts.orderPost[orderId] = this.base.posts.orderPost[orderId];
      }
    }
    // A batch's likes land on the post of its order.
    const postId = postIdOf(e) ?? (orderId !== undefined ? this.posts.orderPost[orderId] : undefined);
    if (postId !== undefined && !this.posts.byId[postId]) {
      const row = this.base.posts.byId[postId];
      if (row) {
        this.posts.byId[postId] = { ...row, likedBy: { ...row.likedBy } };
        this.posts.order.push(postId);
      }
      if (row || e.type === 'PostCreated') this.touchedPosts.push(postId);
    }
  }

  result(): RangeComparison {
    const orders: OrderChange[] = [];
    for (const id of this.touchedOrders) {
      const after: OrderRow | undefined = this.orders.byId[id];
      if (!after) continue;
      const was: OrderRow | undefined = this.base.orders.byId[id];
      if (was && was.status === after.status && was.delivered === after.delivered) continue;
      orders.push({
        orderId: id,
        before: was ? { status: was.status, delivered: was.delivered } : null,
        after: { status: after.status, delivered: after.delivered },
      });
    }
    const likes: LikeChange[] = [];
    for (const id of this.touchedPosts) {
      const after: PostRow | undefined = this.posts.byId[id];
      if (!after) continue;
      const before = this.base.posts.byId[id]?.likeCount ?? 0;
      if (before !== after.likeCount) likes.push({ postId: id, title: after.title, before, after: after.likeCount });
    }
    const countsByType = this.events.types
      .map((type, i) => ({ type, count: this.typeCounts[i] }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
    return {
      from: this.from,
      to: this.to,
      balanceBefore: this.base.passbook.balance,
      balanceAfter: this.passbook.balance,
      // Copies: the fold may go on (the range grows) while a result is on screen.
      lines: this.passbook.lines.slice(),
      orders,
      likes,
      countsByType,
      events: {
        seqs: this.events.seqs.slice(),
        typeOf: this.events.typeOf.slice(),
        streamOf: this.events.streamOf.slice(),
        types: this.events.types.slice(),
        streams: this.events.streams.slice(),
      },
    };
  }
}

/** The comparison of (from, from + events.length]: `base` is the state after event `from`. */
export function compareRange(base: ViewState, from: number, events: readonly StoredEvent[]): RangeComparison {
  return new RangeFold(base, from).add(events).result();
}

/** Positions in `events` (indices) matching a type and a stream ('' = any). */
export function filterRangeEvents(events: RangeEvents, filter: { type: string; stream: string }): number[] | null {
  if (!filter.type && !filter.stream) return null;
  const t = filter.type ? events.types.indexOf(filter.type) : -1;
  const s = filter.stream ? events.streams.indexOf(filter.stream) : -1;
  if ((filter.type && t < 0) || (filter.stream && s < 0)) return [];
  const out: number[] = [];
  for (let i = 0; i < events.seqs.length; i++) {
    if (filter.type && events.typeOf[i] !== t) continue;
    if (filter.stream && events.streamOf[i] !== s) continue;
    out.push(i);
  }
  return out;
}
