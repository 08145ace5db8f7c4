import type { EventDesk } from '../app/event-desk';
import type { ReplayCheck, WhatIfRefusal } from '../app/what-if';
import type { Command } from '../domain/commands';
import type { DeskActions, DeskState } from './desk-state';

/** The open what-if, as the views need it. */
export interface WhatIfMark {
  /** The real event the branch starts after. */
  fork: number;
  /** Commands the branch accepted so far. */
  commands: number;
  /** The real log's head (it may grow meanwhile): the slider keeps its scale. */
  liveHead: number;
}

/** "Replay on live": being checked, checked (waiting for the user's yes), or done. */
export type ReplayView =
  | { phase: 'checking' }
  | { phase: 'checked'; check: ReplayCheck }
  | { phase: 'done'; appended: number; refused: WhatIfRefusal[] };

export type WhatIfActions = Pick<DeskActions, 'tryFromHere' | 'discardWhatIf' | 'checkReplay' | 'confirmReplay' | 'closeReplay'> & {
  dispatchInWhatIf(command: Command, options?: { causationId?: string; commandId?: string }): Promise<boolean>;
};

type Set = (partial: Partial<DeskState>) => void;
type Get = () => DeskState & DeskActions;

/** What the store's own machinery does for these actions: stop slider moves in flight; move the slider. */
export interface WhatIfHooks {
  cancelMoves(): void;
  moveTo(seq: number, live: boolean): void;
  ruleOf(e: unknown): DeskState['commandErrorRule'];
}

/**
 * The what-if sandbox in the store: while it is open the desk shows the
 * branch as if it were live (commands enabled, the slider pinned at the
 * fork), and commands go to the branch; leaving returns to the real log.
 */
export function whatIfActions(desk: EventDesk, set: Set, get: Get, hooks: WhatIfHooks): WhatIfActions {
  /** Back to the real log at `seq` (the head: live). */
  const leave = (seq: number, replay: ReplayView | null) => {
    desk.closeWhatIf();
    const head = desk.live.seq;
    set({ whatIf: null, replay, compare: null, logEpoch: desk.logEpoch, head });
    hooks.moveTo(seq, seq >= head);
  };

  return {
    tryFromHere: () => {
      const { cursor, view, whatIf } = get();
      if (whatIf) return;
      get().stopPlaying();
      hooks.cancelMoves();
      try {
        desk.openWhatIf({ seq: cursor, state: view });
      } catch (e) {
        set({ commandError: e instanceof Error ? e.message : String(e), commandErrorRule: null });
        return;
      }
      set({
        whatIf: { fork: cursor, commands: 0, liveHead: desk.live.seq },
        replay: null,
        compare: null,
        logEpoch: desk.logEpoch,
        live: true,
        head: cursor,
        target: cursor,
        commandError: null,
        commandErrorRule: null,
      });
    },

    discardWhatIf: () => {
      const whatIf = get().whatIf;
      if (whatIf) leave(whatIf.fork, null);
    },

    dispatchInWhatIf: async (command, options) => {
      const sandbox = desk.whatIf;
      if (!sandbox) return false;
      set({ commandBusy: true, commandError: null, commandErrorRule: null, replay: null });
      try {
        const at = await sandbox.dispatch(command, options?.commandId, options?.causationId);
        if (desk.whatIf !== sandbox) return false;
        set({ whatIf: { ...get().whatIf!, commands: sandbox.commands.length }, head: at.seq, target: at.seq, cursor: at.seq, view: at.state });
        const [event] = await desk.readRange(at.seq, at.seq);
        if (desk.whatIf === sandbox) set({ cursorEvent: event ?? null });
        return true;
      } catch (e) {
        set({ commandError: e instanceof Error ? e.message : String(e), commandErrorRule: hooks.ruleOf(e) });
        return false;
      } finally {
        set({ commandBusy: false });
      }
    },

    checkReplay: async () => {
      if (!desk.whatIf) return;
      set({ replay: { phase: 'checking' } });
      try {
        const check = await desk.checkWhatIfOnLive();
        if (get().replay?.phase === 'checking') set({ replay: { phase: 'checked', check } });
      } catch (e) {
        set({ replay: null, commandError: e instanceof Error ? e.message : String(e), commandErrorRule: null });
      }
    },

    confirmReplay: async () => {
      const replay = get().replay;
      if (replay?.phase !== 'checked' || !desk.whatIf) return;
      set({ commandBusy: true });
      try {
        const out = await desk.replayOnLive(replay.check.passed.map((p) => p.item));
        leave(desk.live.seq, { phase: 'done', appended: out.appended.length, refused: [...replay.check.refused, ...out.refused] });
      } catch (e) {
        set({ commandError: e instanceof Error ? e.message : String(e), commandErrorRule: hooks.ruleOf(e) });
      } finally {
        set({ commandBusy: false });
      }
    },

    closeReplay: () => set({ replay: null }),
  };
}
