import type { BookmarkStore } from '../../engine/bookmark-store';
import type { BookmarkOutbox, BookmarkSync, SyncedBookmarkStore } from '../../engine/sync/bookmark-sync';
import type { LogSync } from '../../engine/sync/log-sync';
import type { TabChannel } from '../../engine/sync/tab-coordination';
import type { Upstream } from '../../engine/sync/upstream';
import type { SettingsRecords } from './sync-control';

/** "The bookmark table changed" — to the other tabs of this browser (they reload it; the leader uploads). */
export type BookmarkTabMessage = 'changed';

export interface DeskBookmarksOptions {
  sync: LogSync;
  bookmarkSync: BookmarkSync;
  /** The table as the app uses it (queues changes while linked). */
  bookmarks: SyncedBookmarkStore;
  /** The local table itself. */
  local: BookmarkStore;
  outbox: BookmarkOutbox;
  records: SettingsRecords;
  tabs: TabChannel<BookmarkTabMessage>;
}

/**
 * Keeps this browser's bookmarks and its desk's together while connected: the
 * bookmark sync follows the desk's connection; the first time this browser
 * meets a desk, the bookmarks it had are queued for it; other tabs hear of
 * every change to the table. Returns a function that stops all of it.
 */
export function followDeskBookmarks(o: DeskBookmarksOptions): () => void {
  let attached: Upstream | undefined;
  /** The desk it was attached for: on a first connect the link (and so the desk) comes after the upstream. */
  let attachedDesk: string | undefined;
  let confirmed = o.sync.status.confirmedSeq;
  const follow = async (upstream: Upstream | undefined, desk: string | undefined) => {
    if (!upstream?.bookmarks || !desk) return o.bookmarkSync.detach();
    const key = `eventdesk.bookmarks-shared:${desk}`;
    if ((await o.records.readSetting(key).catch(() => undefined)) !== true) {
      for (const bookmark of await o.local.list()) await o.outbox.queue({ op: 'put', bookmark });
      await o.records.writeSetting(key, true);
    }
    if (attached === upstream && attachedDesk === desk) o.bookmarkSync.attach(upstream.bookmarks());
  };
  const stopStatus = o.sync.onStatus((s) => {
    const upstream = o.sync.currentUpstream;
    if (upstream !== attached || s.desk !== attachedDesk) {
      attached = upstream;
      attachedDesk = s.desk;
      void follow(upstream, s.desk).catch(() => {});
    }
    // A bookmark placed on events that were pending can go up once they are confirmed.
    if (s.confirmedSeq > confirmed) o.bookmarkSync.kick();
    confirmed = s.confirmedSeq;
  });
  const stopLocal = o.local.onChange(() => o.tabs.post('changed'));
  const stopTabs = o.tabs.onMessage(() => {
    o.bookmarks.changedElsewhere();
    o.bookmarkSync.kick();
  });
  return () => {
    stopStatus();
    stopLocal();
    stopTabs();
    o.bookmarkSync.detach();
    o.tabs.close();
  };
}
