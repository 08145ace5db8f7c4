/**
 * Durable positions of subscribers ("last seq handled") and the records they
 * produce, written together so a crash never leaves output without its
 * checkpoint (or the reverse).
 */
export interface SubscriberCheckpoint {
  name: string;
  seq: number;
  error?: string;
  /** Seq of the event the last failure happened on. */
  errorSeq?: number;
  errorAt?: number;
  attempts: number;
}

export interface SubscriberOutput<V = unknown> {
  subscriber: string;
  seq: number;
  value: V;
}

export interface CheckpointStore {
  get(name: string): Promise<SubscriberCheckpoint | undefined>;
  /** Moves the checkpoint to `seq` and stores outputs, atomically; clears any failure. */
  commit(name: string, seq: number, outputs: SubscriberOutput[]): Promise<void>;
  recordFailure(name: string, failure: { seq: number; error: string; at: number; attempts: number }): Promise<void>;
  /** A subscriber's outputs with seq ≤ toSeq, newest first. */
  outputs<V>(name: string, options?: { toSeq?: number; limit?: number }): Promise<SubscriberOutput<V>[]>;
}

export class MemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints = new Map<string, SubscriberCheckpoint>();
  private readonly out: SubscriberOutput[] = [];

  async get(name: string) {
    const c = this.checkpoints.get(name);
    return c ? { ...c } : undefined;
  }

  async commit(name: string, seq: number, outputs: SubscriberOutput[]) {
    this.checkpoints.set(name, { name, seq, attempts: 0 });
    for (const o of outputs) {
      const i = this.out.findIndex((x) => x.subscriber === o.subscriber && x.seq === o.seq);
      if (i >= 0) this.out[i] = o;
      else this.out.push(o);
    }
  }

  async recordFailure(name: string, f: { seq: number; error: string; at: number; attempts: number }) {
    const seq = this.checkpoints.get(name)?.seq ?? 0;
    this.checkpoints.set(name, { name, seq, error: f.error, errorSeq: f.seq, errorAt: f.at, attempts: f.attempts });
  }

  async outputs<V>(name: string, options: { toSeq?: number; limit?: number } = {}) {
    return this.out
      .filter((o) => o.subscriber === name && o.seq <= (options.toSeq ?? Infinity))
      .sort((a, b) => b.seq - a.seq)
      .slice(0, options.limit ?? Infinity) as SubscriberOutput<V>[];
  }
}
