import { EventDeskError } from '../engine/errors';
import type { EventRegistry } from '../engine/event-registry';
import type { EventStore } from '../engine/event-store';
import type { PendingLog } from '../engine/sync/pending-log';
import type { PositionedState } from '../engine/time-machine';
import type { ViewState } from '../projections/view-projection';
import { WhatIfSandbox, type ReplayCheck } from './what-if';

/**
 * The desk's what-if, if one is open: the sandbox whose in-memory branch the
 * views read instead of the log while it lasts (nothing of it is ever written).
 */
export class WhatIfHost {
  private sandbox: WhatIfSandbox | null = null;

  constructor(
    private readonly log: PendingLog,
    private readonly registry: EventRegistry,
    /** Positions after a fork name other events while it is open: views drop what they cached. */
    private readonly positionsChanged: () => void,
  ) {}

  get current(): WhatIfSandbox | null {
    return this.sandbox;
  }

  /** What the views read: the what-if branch while one is open, else the log. */
  viewLog(): EventStore {
    return this.sandbox?.branch ?? this.log;
  }

  /** Subscribers ran on the real log only: in a what-if, what they produced up to the fork. */
  subscriberSeq(toSeq: number): number {
    return this.sandbox ? Math.min(toSeq, this.sandbox.fork) : toSeq;
  }

  /** Where stored summaries of the log stop for a range ending at `to`: a what-if's own events are not stored. */
  storedUpTo(to: number): number {
    return this.sandbox ? this.sandbox.fork : to;
  }

  open(start: PositionedState<ViewState>): WhatIfSandbox {
    this.sandbox = new WhatIfSandbox(this.log, this.registry, start);
    this.positionsChanged();
    return this.sandbox;
  }

  close(): void {
    if (!this.sandbox) return;
    this.sandbox = null;
    this.positionsChanged();
  }

  checkOnLive(): Promise<ReplayCheck> {
    if (!this.sandbox) return Promise.reject(new EventDeskError('No what-if is open.'));
    return this.sandbox.checkOnLive(this.log);
  }
}
