import type { CommandHandler, CommandResult } from '../engine/command-handler';
import { LogDamaged } from '../engine/errors';
import type { Progress, TimeMachine, PositionedState } from '../engine/time-machine';
import { MY_WALLET } from '../domain/streams';
import { walletDecider, type WalletState } from '../domain/wallet/wallet-decider';
import type { ViewState } from '../projections/view-projection';
import { damageProblem } from './integrity-problem';
import type { IntegrityWatch } from './integrity-watch';

export type LiveListener = (live: PositionedState<ViewState>) => void;

/**
 * The views at the live head: folded at start (up to the damage, if any),
 * kept up with the log, rebuilt when the log is replaced, and told to listeners.
 *
 * A command of this tab folds its own events straight into the views (no read
 * back); the log's announcement of that same append would otherwise start a
 * catch-up that reads the log again and races the command's own update (it
 * delayed a click's result by a read queued behind the views' own reads).
 */
export class LiveViews {
  private readonly listeners = new Set<LiveListener>();
  /** Commands of this tab between their start and their events in the views. */
  private ownCommands = 0;
  /** The highest head announced while a command of this tab was landing: caught up after it, if it is further. */
  private announcedMeanwhile = 0;

  constructor(
    private readonly timeMachine: TimeMachine<ViewState>,
    private readonly handler: CommandHandler,
    private readonly integrity: IntegrityWatch,
    private readonly onProgress: Progress | undefined,
  ) {}

  onLive(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Folds the views from what is stored; on damage, up to the last intact event (and says so). */
  async fold(reset: boolean): Promise<PositionedState<ViewState>> {
    const { onProgress } = this;
    let live: PositionedState<ViewState>;
    try {
      live = await (reset ? this.timeMachine.reset(onProgress) : this.timeMachine.start(onProgress));
    } catch (e) {
      if (!(e instanceof LogDamaged)) throw e;
      this.integrity.setProblem(damageProblem(e));
      live = await this.timeMachine.reset(onProgress, e.from - 1);
    }
    this.primeWallet(live.state);
    return live;
  }

  /** The log grew (this tab, its executor or another tab): the views follow, unless a command of this tab is landing. */
  logAppended(head: number): Promise<unknown> {
    if (this.ownCommands > 0) {
      this.announcedMeanwhile = Math.max(this.announcedMeanwhile, head);
      return Promise.resolve();
    }
    return this.refresh();
  }

  /** Runs a command of this tab, then folds its events into the views before it resolves. */
  async command(run: () => Promise<CommandResult>): Promise<CommandResult> {
    this.ownCommands++;
    try {
      const result = await run();
      // A duplicate's events do not continue the view: applyAppended then catches up from the log.
      this.tell(await this.timeMachine.applyAppended(result.events));
      return result;
    } finally {
      this.ownCommands--;
      // Appends announced meanwhile that the command's own update did not cover (another tab, the executor, a refusal).
      if (this.ownCommands === 0 && this.announcedMeanwhile > this.timeMachine.live.seq) void this.refresh().catch(() => {});
      if (this.ownCommands === 0) this.announcedMeanwhile = 0;
    }
  }

  /** Catches the views up with the log and tells listeners. */
  async refresh(): Promise<PositionedState<ViewState>> {
    const live = await this.timeMachine.catchUp();
    this.tell(live);
    return live;
  }

  tell(live: PositionedState<ViewState>): void {
    for (const l of this.listeners) l(live);
  }

  /**
   * The passbook has one line per event of the user's wallet stream, so the
   * wallet's decider state at the head is known without reading that stream —
   * which, a few events per order, is spread over the whole log.
   */
  private primeWallet(view: ViewState): void {
    const { lines, balance } = view.passbook;
    const charges: WalletState['charges'] = {};
    for (const l of lines) if (l.kind === 'charge' && l.reversedBy === undefined) charges[l.version] = { amount: l.in, description: l.description };
    this.handler.prime(MY_WALLET, walletDecider, lines.length, { opened: lines.length > 0, balance, charges });
  }
}
