import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { DeliverPolicy, JetStreamApiError, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { LeaseStore } from '../sync/desk-lease';
import type { BookmarkUpstream } from '../sync/bookmark-upstream';
import { NatsBookmarks } from './nats-bookmarks';
import { decodeEntry } from '../sync/entry-validation';
import { classifyNatsFailure } from './nats-failures';
import {
  UpstreamDiverged,
  UpstreamMoved,
  UpstreamRefused,
  UpstreamUnavailable,
  SegmentTooLarge,
  encodePayload,
  type AppendAck,
  type Upstream,
  type UpstreamCommand,
  type UpstreamEntry,
  type UpstreamInfo,
} from '../sync/upstream';
import { deskBucket, deskStream, deskSubject, segmentStream, segmentSubject, validDeskName } from './nats-desk-names';
import { natsLeaseStore } from './nats-lease-store';

export interface NatsUpstreamOptions {
  desk: string;
  /** Opens a connection (wsconnect in the browser, TCP in Node tests). Called again after a failed attempt. */
  connect: () => Promise<NatsConnection>;
  /** Milliseconds to wait for a JetStream API answer (stream info, consumer creation). */
  timeoutMs?: number;
  /** Milliseconds to wait for the ack of an append (default 2.5 s; retried, so short is safe). */
  ackTimeoutMs?: number;
  /**
   * How long one call keeps retrying while a cluster elects a leader before it reports
   * "reconnecting" (LogSync then tries again soon). Default 3 s; elections take 4–7 s on 2.9.
   */
  failoverRetryMs?: number;
  /** Milliseconds a read may go without a message before it is abandoned and retried (a dead node). */
  readStallMs?: number;
}

export { validDeskName, deskStream, deskSubject, segmentStream, segmentSubject, deskBucket } from './nats-desk-names';

/** Reads shorter than this fetch entry by entry instead of creating a consumer. */
const FETCH_ONE_BY_ONE = 64;

/** JetStream's "wrong last sequence: N" (the expected head was stale). */
const WRONG_LAST_SEQUENCE = 10071;

/**
 * The Upstream port over NATS JetStream: one stream per desk, one message per
 * command. The stream's sequence is the desk's order; `Nats-Expected-Last-Sequence`
 * makes every append conditional on the head the device decided against, and
 * `Nats-Msg-Id` = command id makes a retry a duplicate. Reads use an ordered
 * consumer; a plain subscription on the desk's subject says when it moved.
 */
export class NatsUpstream implements Upstream {
  private connection: Promise<NatsConnection> | undefined;
  private jsm: JetStreamManager | undefined;
  private readonly watchers = new Set<() => void>();
  private readonly connectionListeners = new Set<(up: boolean) => void>();
  private subscription: Subscription | undefined;
  private closed = false;
  private connected: NatsConnection | undefined;
  private inCluster = false;

  constructor(private readonly o: NatsUpstreamOptions) {
    if (!validDeskName(o.desk)) throw new Error(`"${o.desk}" is not a desk name (letters, digits, - and _ only).`);
  }

  private get stream(): string {
    return deskStream(this.o.desk);
  }

  /** The connection, opened (and the desk's stream created) on first use; a failed attempt is retried on the next call. */
  private nc(): Promise<NatsConnection> {
    if (this.closed) return Promise.reject(new UpstreamUnavailable(new Error('closed')));
    this.connection ??= this.open().catch((e) => {
      this.connection = undefined;
      throw this.failure(e);
    });
    return this.connection;
  }

  private async open(): Promise<NatsConnection> {
    const nc = await this.o.connect();
    this.connected = nc;
    try {
      this.jsm = await jetstreamManager(nc, { timeout: this.o.timeoutMs ?? 5_000 });
      await this.ensureStream(this.jsm);
    } catch (e) {
      await nc.close().catch(() => {});
      throw e;
    }
    // Asked once: while disconnected the client may no longer report the server's info.
    const inCluster = !!nc.info?.cluster;
    this.inCluster = inCluster;
    this.subscription = nc.subscribe(deskSubject(this.o.desk), { callback: () => this.moved() });
    void (async () => {
      for await (const s of nc.status()) {
        // In a cluster the client moves to another node on its own; calls meanwhile fail as a
        // failover ("reconnecting"). A single server gone is "offline".
        if (s.type === 'disconnect' && !inCluster) this.connectionListeners.forEach((l) => l(false));
        if (s.type === 'reconnect') this.connectionListeners.forEach((l) => l(true));
      }
    })().catch(() => {});
    void nc.closed().then(() => {
      if (!this.closed) this.connection = undefined;
    });
    return nc;
  }

  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    try {
      await jsm.streams.info(this.stream);
    } catch (e) {
      if (!(e instanceof JetStreamApiError) || e.status !== 404) throw e;
      // duplicate_window (default 2 min) covers a retry after a lost ack; an older retry is
      // still safe: its expected head is stale, so the device pulls and finds its own entry.
      // In a cluster every desk is replicated three times (R3): losing any one node loses nothing.
      const replicas = this.connected?.info?.cluster ? 3 : 1;
      await jsm.streams.add({ name: this.stream, subjects: [deskSubject(this.o.desk)], num_replicas: replicas });
    }
  }

  async info(): Promise<UpstreamInfo> {
    return this.call(async () => {
      await this.nc();
      const info = await this.jsm!.streams.info(this.stream);
      return { deskId: `${this.stream}@${info.created}`, head: info.state.last_seq };
    });
  }

  async append(command: UpstreamCommand, expectedHead: number): Promise<AppendAck> {
    return this.call(async () => {
      // A short ack timeout: an append to a leader that just died is retried (the same command id
      // makes it a duplicate if it was stored) instead of waiting out a long timeout.
      const js = jetstream(await this.nc(), { timeout: this.o.ackTimeoutMs ?? 2_500 });
      try {
        const ack = await js.publish(deskSubject(this.o.desk), encodePayload(command), {
          msgID: command.commandId,
          expect: { lastSequence: expectedHead },
        });
        return { seq: ack.seq, duplicate: ack.duplicate };
      } catch (e) {
        if (e instanceof JetStreamApiError && e.code === WRONG_LAST_SEQUENCE) {
          const head = Number(/(\d+)\s*$/.exec(e.message)?.[1] ?? NaN);
          throw new UpstreamMoved(Number.isFinite(head) ? head : expectedHead + 1);
        }
        throw e;
      }
    });
  }

  async *read(from: number): AsyncIterable<UpstreamEntry[]> {
    const { head } = await this.info();
    if (from > head) return;
    if (head - from < FETCH_ONE_BY_ONE) {
      yield await this.fetch(from, head);
      return;
    }
    const messages = await this.call(async () => {
      const js = jetstream(await this.nc(), { timeout: this.o.timeoutMs ?? 5_000 });
      const consumer = await js.consumers.get(this.stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from) });
      return consumer.consume({ max_messages: 1_000 });
    });
    // A consumer on a node that died (or lost its leader) may go quiet instead of failing: give up
    // after a stall, and the next round reads on from what was applied.
    let last = from - 1;
    let stalled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        messages.stop();
      }, this.o.readStallMs ?? 5_000);
    };
    let page: UpstreamEntry[] = [];
    try {
      arm();
      for await (const m of messages) {
        arm();
        last = m.seq;
        page.push(decodeEntry(m.string(), m.seq));
        if (m.seq >= head) break;
        if (page.length >= 500 || m.info.pending === 0) {
          yield page;
          page = [];
        }
      }
    } catch (e) {
      if (e instanceof UpstreamDiverged) throw e;
      throw this.failure(e);
    } finally {
      clearTimeout(timer);
      messages.stop();
    }
    if (page.length) yield page;
    if (last < head) throw new UpstreamUnavailable(new Error(stalled ? `reading the desk stalled at ${last} of ${head}` : `the desk's read ended at ${last} of ${head}`), true);
  }

  /**
   * A few entries, each fetched by seq from the stream leader: no consumer to create, which is what
   * times out for a few seconds after a failover (and a device pulling after a conflict needs a few).
   */
  private async fetch(from: number, to: number): Promise<UpstreamEntry[]> {
    const out: UpstreamEntry[] = [];
    for (let seq = from; seq <= to; seq++) {
      const m = await this.call(async () => {
        await this.nc();
        return this.jsm!.streams.getMessage(this.stream, { seq });
      });
      if (!m) throw new UpstreamDiverged(`Desk entry ${seq} is missing.`);
      out.push(decodeEntry(m.string(), m.seq));
    }
    return out;
  }

  async messageAt(seq: number): Promise<string | undefined> {
    return this.call(async () => {
      await this.nc();
      const m = await this.jsm!.streams.getMessage(this.stream, { seq });
      return m ? m.string() : undefined;
    });
  }

  async readSegment(no: number): Promise<string | undefined> {
    return this.call(async () => {
      await this.nc();
      try {
        const m = await this.jsm!.streams.getMessage(segmentStream(this.o.desk), { last_by_subj: segmentSubject(this.o.desk, no) });
        return m ? m.string() : undefined;
      } catch (e) {
        if (e instanceof JetStreamApiError && e.status === 404) return undefined; // no such segment (or no segment stream yet)
        throw e;
      }
    });
  }

  async segmentCount(): Promise<number> {
    return this.call(async () => {
      await this.nc();
      try {
        return (await this.jsm!.streams.info(segmentStream(this.o.desk))).state.messages;
      } catch (e) {
        if (e instanceof JetStreamApiError && e.status === 404) return 0;
        throw e;
      }
    });
  }

  /**
   * Stored only if the segment's subject holds nothing yet (`Nats-Expected-Last-Subject-Sequence: 0`,
   * enforced on 2.9), so two devices publishing the same segment hours apart store it once; the
   * `Nats-Msg-Id` (desk + number) makes a retry after a lost ack a duplicate too.
   */
  async putSegment(no: number, text: string): Promise<void> {
    await this.call(async () => {
      const nc = await this.nc();
      await this.ensureSegmentStream();
      const max = nc.info?.max_payload ?? 1024 * 1024;
      if (text.length * 3 > max && new TextEncoder().encode(text).length > max) throw new SegmentTooLarge(no, max);
      const js = jetstream(nc, { timeout: this.o.ackTimeoutMs ?? 2_500 });
      try {
        await js.publish(segmentSubject(this.o.desk, no), text, { msgID: `${this.o.desk}:seg:${no}`, expect: { lastSubjectSequence: 0 } });
      } catch (e) {
        if (e instanceof JetStreamApiError && e.code === WRONG_LAST_SEQUENCE) return; // another device stored it first
        throw e;
      }
    });
  }

  private segmentStreamReady = false;

  private async ensureSegmentStream(): Promise<void> {
    if (this.segmentStreamReady) return;
    const name = segmentStream(this.o.desk);
    try {
      await this.jsm!.streams.info(name);
    } catch (e) {
      if (!(e instanceof JetStreamApiError) || e.status !== 404) throw e;
      const replicas = this.connected?.info?.cluster ? 3 : 1;
      try {
        await this.jsm!.streams.add({ name, subjects: [segmentSubject(this.o.desk, '*')], num_replicas: replicas });
      } catch (err) {
        // Two devices creating it at once: the other one won, which is just as good.
        if (!(err instanceof JetStreamApiError)) throw err;
        await this.jsm!.streams.info(name);
      }
    }
    this.segmentStreamReady = true;
  }

  private echo: ReturnType<typeof setTimeout> | undefined;

  /**
   * Another device published. Subscribers hear a message as the server routes it, which can be
   * before the stream has stored it (in a cluster, before the replicas agreed): a pull right now
   * may not see it yet, so watchers are told again a moment later.
   */
  private moved(): void {
    this.watchers.forEach((w) => w());
    clearTimeout(this.echo);
    this.echo = setTimeout(() => {
      if (!this.closed) this.watchers.forEach((w) => w());
    }, 150);
  }

  /** The desk's bookmarks: a key each in the desk's key-value bucket (nats-bookmarks.ts). */
  bookmarks(): BookmarkUpstream {
    return new NatsBookmarks(async () => new Kvm(await this.nc()).create(deskBucket(this.o.desk), { history: 1 }));
  }

  /** A key in the desk's key-value bucket (KV_eventdesk-<desk>, created on first use; nats-lease-store.ts). */
  leaseStore(name: string): LeaseStore {
    return natsLeaseStore(this.o.desk, name, () => this.nc(), (fn) => this.call(fn));
  }

  watch(listener: () => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  onConnection(listener: (up: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.echo);
    const nc = await this.connection?.catch(() => undefined);
    this.subscription?.unsubscribe();
    await nc?.close().catch(() => {});
  }

  /**
   * Connection and server failures become UpstreamUnavailable (the device keeps working and
   * retries) or UpstreamRefused (the credentials do not open this desk). A cluster electing a
   * leader is retried here for a moment first: a failover should look like a slow ack. Retrying
   * an append is safe: the same command id is a duplicate pointing at the first copy.
   */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    const until = Date.now() + (this.o.failoverRetryMs ?? 3_000);
    for (let wait = 100; ; wait = Math.min(wait * 2, 1_000)) {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof UpstreamMoved || e instanceof UpstreamRefused || e instanceof UpstreamDiverged || e instanceof SegmentTooLarge) throw e;
        const failure = this.failure(e);
        if (!(failure instanceof UpstreamUnavailable) || !failure.transient || this.closed || Date.now() + wait > until) throw failure;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private failure(e: unknown): UpstreamUnavailable | UpstreamRefused {
    if (e instanceof UpstreamUnavailable || e instanceof UpstreamRefused) return e;
    const cause = e instanceof UpstreamUnavailable ? e.cause : e;
    const kind = classifyNatsFailure(cause);
    if (kind === 'refused') return new UpstreamRefused(this.o.desk, cause);
    // A request cut off because its node went away: in a cluster the client is already moving on.
    const failingOver = kind === 'unreachable' && this.inCluster && !this.connected?.isClosed();
    return new UpstreamUnavailable(cause, kind === 'electing' || failingOver);
  }
}
