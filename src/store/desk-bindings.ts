import type { EventDesk } from '../app/event-desk';
import type { DeskStore } from './desk-state';
import { ignoreAfterClose } from './ignore-after-close';

/**
 * Keeps the store in step with the desk after it is created: bookmarks, the live
 * head, the leader, storage problems, and the executor paused from any tab.
 */
export function bindDeskToStore(desk: EventDesk, store: DeskStore): void {
  const loadBookmarks = () => {
    desk.bookmarks.list().then((bookmarks) => store.setState({ bookmarks }), ignoreAfterClose);
  };
  desk.bookmarks.onChange(loadBookmarks);
  // Live updates from this tab, the executor and other tabs. In the past, the view stays where the user put it.
  desk.onLive((live) => {
    // A replaced log (import): positions in the old one mean nothing any more.
    if (store.getState().logEpoch !== desk.logEpoch) {
      // A what-if forked from the old log has no base any more.
      if (store.getState().whatIf) {
        desk.closeWhatIf();
        store.setState({ whatIf: null, replay: null, live: true });
      }
      store.setState({ logEpoch: desk.logEpoch, compare: null });
      loadBookmarks();
    }
    const s = store.getState();
    if (s.overview !== live.state.overview) store.setState({ overview: live.state.overview });
    // The real log moves on under a what-if; the views keep showing the branch.
    if (s.whatIf) {
      store.setState({ whatIf: { ...s.whatIf, liveHead: live.seq } });
      return;
    }
    if (s.live) {
      store.setState({ head: live.seq, target: live.seq, cursor: live.seq, view: live.state });
      if (live.seq > 0 && s.cursorEvent?.seq !== live.seq)
        desk.readRange(live.seq, live.seq).then(([e]) => {
          if (store.getState().live) store.setState({ cursorEvent: e ?? null });
        }, ignoreAfterClose);
    } else {
      store.setState({ head: live.seq });
    }
  });
  desk.onLeaderChange((leader) => store.setState({ leader }));
  desk.onProblem((problem) => store.setState({ problem }));
  if (store.getState().executorPaused) desk.executor.pause();

  // Pausing the executor in any tab pauses it in the leader.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== 'eventdesk.executorPaused') return;
      const paused = e.newValue === 'true';
      if (paused) desk.executor.pause();
      else desk.executor.resume();
      store.setState({ executorPaused: paused });
    });
  }
}
