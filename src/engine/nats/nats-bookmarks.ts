import type { KV } from '@nats-io/kv';
import { bookmarkKey, decodeBookmark, encodeBookmark, type BookmarkChange, type BookmarkUpstream } from '../sync/bookmark-upstream';
import type { Bookmark } from '../bookmark-store';

const PREFIX = bookmarkKey('');

/**
 * A desk's bookmarks in its JetStream key-value bucket (KV_eventdesk-<desk>, the one that holds the
 * executor lease): one key per bookmark id, `bookmark.<id>`; put = added or renamed, a delete marker =
 * removed. The bucket keeps the last value per key, so a device that joins later reads every bookmark
 * and every removal with one watch (an ordered consumer, last value per subject).
 */
export class NatsBookmarks implements BookmarkUpstream {
  private bucket: Promise<KV> | undefined;

  constructor(private readonly open: () => Promise<KV>) {}

  private kv(): Promise<KV> {
    return (this.bucket ??= this.open().catch((e) => {
      this.bucket = undefined;
      throw e;
    }));
  }

  async put(bookmark: Bookmark): Promise<void> {
    await (await this.kv()).put(bookmarkKey(bookmark.id), encodeBookmark(bookmark));
  }

  async remove(id: string): Promise<void> {
    await (await this.kv()).delete(bookmarkKey(id));
  }

  watch(listener: (change: BookmarkChange) => void, ended?: (error: unknown) => void): () => void {
    let stopped = false;
    let stop: (() => void) | undefined;
    void (async () => {
      const entries = await (await this.kv()).watch({ key: `${PREFIX}>` });
      stop = () => entries.stop();
      if (stopped) return stop();
      for await (const e of entries) {
        const id = e.key.slice(PREFIX.length);
        if (e.operation !== 'PUT') listener({ op: 'remove', id });
        else {
          const bookmark = decodeBookmark(e.string());
          // Another device's record that is not a bookmark (or not this id's) is left out, like a bad import line.
          if (bookmark && bookmark.id === id) listener({ op: 'put', bookmark });
        }
      }
      if (!stopped) ended?.(new Error('the bookmark watch ended'));
    })().catch((e: unknown) => {
      if (!stopped) ended?.(e);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }
}
