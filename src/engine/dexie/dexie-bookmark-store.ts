import { bookmarkFromRecord, sortBookmarks, toRecord, type Bookmark, type BookmarkListener, type BookmarkStore } from '../bookmark-store';
import type { EventDeskDb } from './eventdesk-db';

export class DexieBookmarkStore implements BookmarkStore {
  private readonly listeners = new Set<BookmarkListener>();

  constructor(private readonly db: EventDeskDb) {}

  async list(): Promise<Bookmark[]> {
    return sortBookmarks((await this.db.bookmarks.toArray()).map(bookmarkFromRecord));
  }

  async put(bookmark: Bookmark): Promise<void> {
    await this.db.bookmarks.put(toRecord(bookmark));
    this.changed();
  }

  async remove(id: string): Promise<void> {
    await this.db.bookmarks.delete(id);
    this.changed();
  }

  async putAll(bookmarks: readonly Bookmark[]): Promise<void> {
    await this.db.transaction('rw', this.db.bookmarks, () => this.db.bookmarks.bulkPut(bookmarks.map(toRecord)));
    this.changed();
  }

  async replaceAll(bookmarks: readonly Bookmark[]): Promise<void> {
    await this.db.transaction('rw', this.db.bookmarks, async () => {
      await this.db.bookmarks.clear();
      await this.db.bookmarks.bulkPut(bookmarks.map(toRecord));
    });
    this.changed();
  }

  onChange(listener: BookmarkListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // One failing listener stops no one else.
      }
    }
  }
}
