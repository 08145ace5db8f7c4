import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { DeliverPolicy, JetStreamApiError, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { LeaseStore } from '../sync/desk-lease';
import {
  UpstreamMoved,
  UpstreamUnavailable,
  decodePayload,
  encodePayload,
  type AppendAck,
  type Upstream,
  type UpstreamCommand,
  type UpstreamEntry,
  type UpstreamInfo,
} from '../sync/upstream';

export interface NatsUpstreamOptions {
  desk: string;
  /** Opens a connection (wsconnect in the browser, TCP in Node tests). Called again after a failed attempt. */
  connect: () => Promise<NatsConnection>;
  /** Milliseconds to wait for a JetStream ack. */
  timeoutMs?: number;
}

/** Desk names become subject tokens and stream names: keep them to safe characters. */
export function validDeskName(desk: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(desk);
}

export const deskStream = (desk: string) => `EVENTDESK_${desk}`;
export const deskSubject = (desk: string) => `ev.${desk}.cmd`;

/** JetStream's "wrong last sequence: N" (the expected head was stale). */
const WRONG_LAST_SEQUENCE = 10071;
/** The same code answers a key-value create or update whose revision is stale. */
const WRONG_LAST_SEQUENCE_FOR_SUBJECT = 10071;

export const deskBucket = (desk: string) => `eventdesk-${desk}`;

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
      throw e instanceof UpstreamUnavailable ? e : new UpstreamUnavailable(e);
    });
    return this.connection;
  }

  private async open(): Promise<NatsConnection> {
    const nc = await this.o.connect();
    try {
      this.jsm = await jetstreamManager(nc, { timeout: this.o.timeoutMs ?? 5_000 });
      await this.ensureStream(this.jsm);
    } catch (e) {
      await nc.close().catch(() => {});
      throw e;
    }
    this.subscription = nc.subscribe(deskSubject(this.o.desk), { callback: () => this.watchers.forEach((w) => w()) });
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') this.connectionListeners.forEach((l) => l(false));
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
      await jsm.streams.add({ name: this.stream, subjects: [deskSubject(this.o.desk)] });
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
      const js = jetstream(await this.nc(), { timeout: this.o.timeoutMs ?? 5_000 });
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
    const messages = await this.call(async () => {
      const js = jetstream(await this.nc(), { timeout: this.o.timeoutMs ?? 5_000 });
      const consumer = await js.consumers.get(this.stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from) });
      return consumer.consume({ max_messages: 1_000 });
    });
    let page: UpstreamEntry[] = [];
    try {
      for await (const m of messages) {
        page.push(decodePayload(m.string(), m.seq));
        if (m.seq >= head) break;
        if (page.length >= 500 || m.info.pending === 0) {
          yield page;
          page = [];
        }
      }
    } catch (e) {
      throw new UpstreamUnavailable(e);
    } finally {
      messages.stop();
    }
    if (page.length) yield page;
  }

  /** A key in the desk's key-value bucket (KV_eventdesk-<desk>, created on first use). */
  leaseStore(name: string): LeaseStore {
    let bucket: Promise<KV> | undefined;
    const kv = () =>
      (bucket ??= this.nc()
        .then((nc) => new Kvm(nc).create(deskBucket(this.o.desk), { history: 1 }))
        .catch((e) => {
          bucket = undefined;
          throw e;
        }));
    const casFailed = (e: unknown) => e instanceof JetStreamApiError && e.code === WRONG_LAST_SEQUENCE_FOR_SUBJECT;
    return {
      get: () =>
        this.call(async () => {
          const entry = await (await kv()).get(name);
          return entry && entry.operation === 'PUT' ? { value: entry.string(), revision: entry.revision } : null;
        }),
      create: (value) =>
        this.call(async () => {
          try {
            return await (await kv()).create(name, value);
          } catch (e) {
            if (casFailed(e)) return null;
            throw e;
          }
        }),
      update: (value, revision) =>
        this.call(async () => {
          try {
            return await (await kv()).update(name, value, revision);
          } catch (e) {
            if (casFailed(e)) return null;
            throw e;
          }
        }),
    };
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
    const nc = await this.connection?.catch(() => undefined);
    this.subscription?.unsubscribe();
    await nc?.close().catch(() => {});
  }

  /** Connection and server failures become UpstreamUnavailable: the device keeps working and retries. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof UpstreamMoved || e instanceof UpstreamUnavailable) throw e;
      throw new UpstreamUnavailable(e);
    }
  }
}
