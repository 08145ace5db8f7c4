import type { EventDesk } from '../app/event-desk';
import type { DeskActions, DeskState } from './desk-state';
import { ignoreAfterClose } from './ignore-after-close';

export type SliderActions = Pick<
  DeskActions,
  'seek' | 'step' | 'goLive' | 'play' | 'stopPlaying' | 'setPlaySpeed' | 'seekToTime' | 'jumpToMarker' | 'visitInCompare'
>;

type Set = (partial: Partial<DeskState>) => void;
type Get = () => DeskState & DeskActions;

/** What the rest of the store needs from the slider's machinery: drop the moves in flight; move the slider. */
export interface SliderMoves {
  cancelMoves(): void;
  moveTo(seq: number, live: boolean): void;
  actions: SliderActions;
}

/**
 * The slider in the store: where it points (`target`), the state on display
 * catching up with it (`cursor`, latest wins), playing the history, and the
 * jumps (to a time, a marker, an event inside a compared range).
 */
export function sliderActions(desk: EventDesk, set: Set, get: Get): SliderMoves {
  let playTimer: ReturnType<typeof setInterval> | undefined;
  let cursorToken = 0;

  /** Moves the cursor and fetches that position's state; latest wins. */
  const moveTo = (seq: number, live: boolean) => {
    const head = get().head;
    const cursor = Math.max(0, Math.min(head, Math.round(seq)));
    const token = ++cursorToken;
    if (live || cursor === head) {
      set({ target: head, cursor: head, live: true, view: desk.live.state });
      if (head === 0) set({ cursorEvent: null });
      else
        desk.readRange(head, head).then(([e]) => {
          if (token === cursorToken) set({ cursorEvent: e ?? null });
        }, ignoreAfterClose);
    } else {
      // The slider moves now; the views follow when the state at that position is ready. The event at the
      // position (its time, for the bar and the chart's marker) comes in the same update: one render, not two.
      set({ target: cursor, live: false });
      const event = cursor === 0 ? Promise.resolve(null) : desk.readRange(cursor, cursor).then(([e]) => e ?? null, () => null);
      Promise.all([desk.seekTo(cursor), event]).then(([at, e]) => {
        if (at && token === cursorToken) set({ cursor: at.seq, view: at.state, cursorEvent: at.seq === 0 ? null : e?.seq === at.seq ? e : get().cursorEvent });
      }, ignoreAfterClose);
    }
  };

  /** The slider moved by the user: B follows it again. */
  const unpinCompare = () => {
    const compare = get().compare;
    if (compare && compare.pinnedB !== null) set({ compare: { ...compare, pinnedB: null } });
  };

  return {
    cancelMoves: () => void ++cursorToken,
    moveTo,
    actions: {
      seek: (seq) => {
        // A what-if keeps the slider pinned at its fork.
        if (get().whatIf) return;
        get().stopPlaying();
        unpinCompare();
        moveTo(seq, false);
      },
      step: (delta) => get().seek(get().target + delta),
      goLive: () => {
        if (get().whatIf) return;
        get().stopPlaying();
        unpinCompare();
        moveTo(get().head, true);
      },

      play: () => {
        const { head, target } = get();
        if (playTimer || get().whatIf) return;
        // From the live end, play the whole history from the start.
        if (target >= head) moveTo(0, false);
        set({ playing: true });
        const fps = 20;
        let carry = 0;
        playTimer = setInterval(() => {
          carry += get().playSpeed / fps;
          const advance = Math.floor(carry);
          if (advance < 1) return;
          carry -= advance;
          const next = get().target + advance;
          if (next >= get().head) {
            get().stopPlaying();
            moveTo(get().head, true);
          } else moveTo(next, false);
        }, 1000 / fps);
      },
      stopPlaying: () => {
        if (playTimer) clearInterval(playTimer);
        playTimer = undefined;
        if (get().playing) set({ playing: false });
      },
      setPlaySpeed: (playSpeed) => set({ playSpeed }),

      seekToTime: async (at) => {
        if (get().whatIf) return;
        const seq = await desk.seqAtTime(at);
        if (seq >= get().head) get().goLive();
        else get().seek(seq);
      },

      jumpToMarker: async (dir) => {
        if (get().whatIf) return;
        const seq = await desk.findMarker(get().target, dir).catch(() => null);
        if (seq === null) return;
        if (seq >= get().head) get().goLive();
        else get().seek(seq);
      },

      visitInCompare: (seq) => {
        if (get().whatIf) return;
        const compare = get().compare;
        get().stopPlaying();
        if (compare && compare.pinnedB === null) set({ compare: { ...compare, pinnedB: get().cursor } });
        moveTo(seq, false);
      },
    },
  };
}
