import { DeskLease } from '../../engine/sync/desk-lease';
import type { LogSync } from '../../engine/sync/log-sync';
import type { Upstream } from '../../engine/sync/upstream';
import { newId } from '../../engine/command-handler';

/** Long enough to ride out a slow renewal, short enough that a closed laptop's orders resume elsewhere soon. */
export const EXECUTOR_LEASE_TTL_MS = 15_000;

/**
 * With sync on, the executor runs on exactly one device per desk: the one that
 * holds the desk's "executor" lease (a key in the desk's JetStream key-value
 * bucket). Without sync it runs as before (the leading tab). Only the leading
 * tab keeps the lease; the device id is shared by its tabs, so a new leader
 * tab renews the same lease.
 */
export class ExecutorLease {
  private lease: DeskLease | undefined;
  private upstream: Upstream | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sync: LogSync,
    readonly deviceId: string,
    private readonly ttlMs = EXECUTOR_LEASE_TTL_MS,
  ) {}

  /** Whether the executor may take its next step here. */
  mayRun(): boolean {
    return this.sync.linkedDesk === undefined || (this.lease?.held ?? false);
  }

  get held(): boolean {
    return this.lease?.held ?? false;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), Math.max(50, Math.floor(this.ttlMs / 3)));
    void this.check();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.lease?.release();
  }

  private async check(): Promise<void> {
    const upstream = this.sync.currentUpstream;
    if (upstream !== this.upstream) {
      await this.lease?.release();
      this.upstream = upstream;
      this.lease = upstream ? new DeskLease(upstream.leaseStore('executor'), this.deviceId, { ttlMs: this.ttlMs }) : undefined;
    }
    await this.lease?.tick();
  }
}

/** This browser's device id (shared by its tabs), kept beside the sync settings. */
export function deviceId(storage: Storage | undefined, key: string): string {
  const known = storage?.getItem(key);
  if (known) return known;
  const id = newId();
  storage?.setItem(key, id);
  return id;
}
