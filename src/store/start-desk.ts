import type { EventDesk } from '../app/event-desk';
import type { DeskStore } from './desk-state';

/** Opens the desk and marks the store ready (or failed with a readable reason). */
export async function startDesk(desk: EventDesk, store: DeskStore): Promise<void> {
  try {
    const live = await desk.start();
    const bookmarks = await desk.bookmarks.list();
    store.setState({ bookmarks, overview: live.state.overview, phase: 'ready', progress: null, head: live.seq, target: live.seq, cursor: live.seq, live: true, view: live.state, leader: desk.isLeader });
    if (live.seq > 0) {
      const [e] = await desk.readRange(live.seq, live.seq);
      store.setState({ cursorEvent: e ?? null });
    }
  } catch (e) {
    store.setState({ phase: 'failed', startError: e instanceof Error ? e.message : String(e) });
  }
}
