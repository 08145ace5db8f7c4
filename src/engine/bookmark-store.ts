/**
 * Bookmarks: a label on a position of the log ("before the spring campaign").
 * They are not domain events — nothing happened in the business when one was
 * set — so they live beside the log in their own table, are kept across
 * reloads, travel in exports as their own record kind, and are shared through
 * the desk's server while sync is on, never through its log (sync/bookmark-sync.ts).
 */

export interface Bookmark {
  id: string;
  /** The position: the view after event `seq` (0 = before the first). */
  seq: number;
  label: string;
  /** Epoch ms. */
  createdAt: number;
}

/** Version of the stored (and exported) bookmark record; bump with an upcaster in bookmarkFromRecord. */
export const BOOKMARK_RECORD_VERSION = 1;
export const MAX_BOOKMARK_LABEL = 120;
/** Ids are generated here (UUIDs), but imported ones may be anything of this shape. */
export const BOOKMARK_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface BookmarkRecord extends Bookmark {
  v: number;
}

export type BookmarkListener = () => void;

export interface BookmarkStore {
  /** Every bookmark, by position (then by creation). */
  list(): Promise<Bookmark[]>;
  put(bookmark: Bookmark): Promise<void>;
  remove(id: string): Promise<void>;
  /** Writes many at once (an import), all or nothing. */
  putAll(bookmarks: readonly Bookmark[]): Promise<void>;
  /** Replaces every bookmark with these (an import that replaced the log), all or nothing. */
  replaceAll(bookmarks: readonly Bookmark[]): Promise<void>;
  /** Called after any change made through this store. */
  onChange(listener: BookmarkListener): () => void;
}

export class InvalidBookmark extends Error {}

/** A label as stored: trimmed, inner runs of white space collapsed; throws when empty or too long. */
export function cleanLabel(label: string): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  if (!clean) throw new InvalidBookmark('A bookmark needs a label.');
  if (clean.length > MAX_BOOKMARK_LABEL) throw new InvalidBookmark(`A bookmark label can be at most ${MAX_BOOKMARK_LABEL} characters.`);
  return clean;
}

export function toRecord(b: Bookmark): BookmarkRecord {
  return { v: BOOKMARK_RECORD_VERSION, id: b.id, seq: b.seq, label: b.label, createdAt: b.createdAt };
}

/** Pure upcast of a stored record to the current shape (v1 is current). */
export function bookmarkFromRecord(r: BookmarkRecord): Bookmark {
  return { id: r.id, seq: r.seq, label: r.label, createdAt: r.createdAt };
}

export function sortBookmarks(list: Bookmark[]): Bookmark[] {
  return list.sort((a, b) => a.seq - b.seq || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function newBookmarkId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
