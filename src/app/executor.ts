import type { CommandHandler } from '../engine/command-handler';
import { commandMeta } from '../engine/command-handler';
import { DomainRuleViolation, ExpectedVersionConflict, TooManyConflicts } from '../engine/errors';
import { recordBatch, startOrder } from '../domain/commands';
import { needsBatch, nextBatch, type ExecutionConfig } from '../domain/executor/execution-plan';
import { orderDecider } from '../domain/orders/order-decider';
import { orderStream } from '../domain/streams';

export interface ExecutorConfig extends ExecutionConfig {
  /** Milliseconds between ticks; each tick runs one batch of every active order (up to maxOrdersPerTick). */
  paceMs: number;
  maxOrdersPerTick: number;
}

export const DEFAULT_EXECUTOR_CONFIG: ExecutorConfig = { paceMs: 700, failureRate: 0.05, seed: 7, maxOrdersPerTick: 8 };

export interface ActiveOrder {
  orderId: string;
  status: string;
}

/**
 * The process manager that drives started orders: on each tick it starts
 * placed orders and runs the next batch of each order in progress, through
 * the same command path as a user. It keeps no state of its own — the log
 * says where every order is — so it resumes after a reload, and the batch
 * number rule plus expected versions mean a batch never runs twice, even if
 * two executors raced.
 */
export class Executor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private ticking = false;
  private pausedFlag = false;
  /** Whether this device may run steps now (with sync: while it holds the desk's executor lease). */
  private gate: () => boolean = () => true;

  constructor(
    private readonly handler: CommandHandler,
    private readonly activeOrders: () => ActiveOrder[],
    private readonly config: ExecutorConfig = DEFAULT_EXECUTOR_CONFIG,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.config.paceMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  setGate(gate: () => boolean): void {
    this.gate = gate;
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
  }

  /** One round over the active orders. Returns how many commands were written. */
  async tick(): Promise<number> {
    if (this.ticking || this.pausedFlag || !this.gate()) return 0;
    this.ticking = true;
    let written = 0;
    try {
      const orders = this.activeOrders()
        .filter((o) => o.status === 'placed' || o.status === 'in_progress')
        .slice(0, this.config.maxOrdersPerTick);
      for (const { orderId } of orders) {
        if (this.pausedFlag || !this.gate()) break;
        written += await this.step(orderId);
      }
    } finally {
      this.ticking = false;
    }
    return written;
  }

  private async step(orderId: string): Promise<number> {
    try {
      const { state, version } = await this.handler.loadStream(orderStream(orderId), orderDecider);
      if (state.status === 'placed') {
        const start = { type: 'StartOrder' as const, orderId };
        await this.handler.handle(startOrder(start), { ...commandMeta('executor'), command: start });
        return 1;
      }
      if (!needsBatch(state)) return 0;
      const command = { ...nextBatch(state, this.config), expectedVersion: version };
      await this.handler.handle(recordBatch(command), { ...commandMeta('executor'), command: { ...command, type: 'RecordBatch' } });
      return 1;
    } catch (e) {
      // Another executor (tab) recorded this batch first, or the order ended meanwhile: nothing to do.
      if (e instanceof DomainRuleViolation || e instanceof ExpectedVersionConflict || e instanceof TooManyConflicts) return 0;
      this.onError(e);
      return 0;
    }
  }
}
