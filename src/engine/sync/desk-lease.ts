/**
 * A compare-and-set record on the desk's server (a JetStream key-value entry,
 * or memory in tests): the basis of a lease that needs no shared clock.
 */
export interface LeaseStore {
  get(): Promise<{ value: string; revision: number } | null>;
  /** Writes the first value; null when a value exists already. */
  create(value: string): Promise<number | null>;
  /** Replaces the value at `revision`; null when someone wrote it meanwhile. */
  update(value: string, revision: number): Promise<number | null>;
}

interface LeaseValue {
  /** The device holding it, or null once released. */
  holder: string | null;
}

/**
 * One holder per desk at a time — the executor's lease. The holder renews it
 * every ttl/3; a device takes it over only when it is released, or when it saw
 * the same revision unchanged for a whole ttl on its own clock (no clocks are
 * compared between devices). A holder that cannot renew stops holding at once.
 * Two holders can still overlap by one step in flight: the commands they send
 * carry expected versions, so the second copy of a step is refused.
 */
export class DeskLease {
  private heldFlag = false;
  private seen: { revision: number; since: number } | undefined;

  constructor(
    private readonly store: LeaseStore,
    readonly holder: string,
    private readonly o: { ttlMs: number; now?: () => number },
  ) {}

  get held(): boolean {
    return this.heldFlag;
  }

  get renewEveryMs(): number {
    return Math.max(50, Math.floor(this.o.ttlMs / 3));
  }

  /** Takes, keeps or waits for the lease; true while this device holds it. Never throws. */
  async tick(): Promise<boolean> {
    try {
      this.heldFlag = await this.step();
    } catch {
      this.heldFlag = false;
    }
    return this.heldFlag;
  }

  /** Gives it up so that another device can take it at once. */
  async release(): Promise<void> {
    if (!this.heldFlag) return;
    this.heldFlag = false;
    try {
      const current = await this.store.get();
      if (current && parse(current.value).holder === this.holder) await this.store.update(encode(null), current.revision);
    } catch {
      /* unreachable: it expires */
    }
  }

  private async step(): Promise<boolean> {
    const now = (this.o.now ?? Date.now)();
    const current = await this.store.get();
    if (!current) return (await this.store.create(encode(this.holder))) !== null;
    const { holder } = parse(current.value);
    if (holder !== this.holder && holder !== null) {
      if (this.seen?.revision !== current.revision) {
        this.seen = { revision: current.revision, since: now };
        return false;
      }
      if (now - this.seen.since < this.o.ttlMs) return false;
    }
    return (await this.store.update(encode(this.holder), current.revision)) !== null;
  }
}

function encode(holder: string | null): string {
  const value: LeaseValue = { holder };
  return JSON.stringify(value);
}

function parse(value: string): LeaseValue {
  try {
    const v = JSON.parse(value) as Partial<LeaseValue>;
    return { holder: typeof v.holder === 'string' ? v.holder : null };
  } catch {
    return { holder: null };
  }
}

/** The compare-and-set record in memory (tests, and the in-memory desk). */
export class MemoryLeaseStore implements LeaseStore {
  private record: { value: string; revision: number } | null = null;
  private revisions = 0;
  /** Test switch: the server cannot be reached. */
  online = true;

  async get() {
    this.check();
    return this.record && { ...this.record };
  }

  async create(value: string) {
    this.check();
    if (this.record) return null;
    this.record = { value, revision: ++this.revisions };
    return this.record.revision;
  }

  async update(value: string, revision: number) {
    this.check();
    if (!this.record || this.record.revision !== revision) return null;
    this.record = { value, revision: ++this.revisions };
    return this.record.revision;
  }

  private check(): void {
    if (!this.online) throw new Error('unreachable');
  }
}
