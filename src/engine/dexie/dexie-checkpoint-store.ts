import Dexie from 'dexie';
import type { CheckpointStore, SubscriberCheckpoint, SubscriberOutput } from '../checkpoint-store';
import type { EventDeskDb } from './eventdesk-db';

export class DexieCheckpointStore implements CheckpointStore {
  constructor(private readonly db: EventDeskDb) {}

  async get(name: string): Promise<SubscriberCheckpoint | undefined> {
    return (await this.db.checkpoints.get(name)) as SubscriberCheckpoint | undefined;
  }

  async commit(name: string, seq: number, outputs: SubscriberOutput[]): Promise<void> {
    await this.db.transaction('rw', [this.db.checkpoints, this.db.outputs], async () => {
      await this.db.checkpoints.put({ name, seq, attempts: 0 });
      if (outputs.length) await this.db.outputs.bulkPut(outputs);
    });
  }

  async recordFailure(name: string, f: { seq: number; error: string; at: number; attempts: number }): Promise<void> {
    await this.db.transaction('rw', [this.db.checkpoints], async () => {
      const seq = (await this.db.checkpoints.get(name))?.seq ?? 0;
      await this.db.checkpoints.put({ name, seq, error: f.error, errorSeq: f.seq, errorAt: f.at, attempts: f.attempts } as SubscriberCheckpoint);
    });
  }

  async outputs<V>(name: string, options: { toSeq?: number; limit?: number } = {}): Promise<SubscriberOutput<V>[]> {
    const rows = await this.db.outputs
      .where('[subscriber+seq]')
      .between([name, Dexie.minKey], [name, options.toSeq ?? Dexie.maxKey], true, true)
      .reverse()
      .limit(options.limit ?? Number.MAX_SAFE_INTEGER)
      .toArray();
    return rows as SubscriberOutput<V>[];
  }
}
