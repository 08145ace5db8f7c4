import type { Bookmark } from '../engine/bookmark-store';
import { readPaged, type EventStore } from '../engine/event-store';
import { bookmarkLine } from './ndjson-bookmarks';

/**
 * Export of the whole log as NDJSON: one stored envelope per line, exactly as
 * the store returns it (upcast to the current schema). The log is read in
 * pages; each page becomes a small Blob so a million events never sit in
 * memory as objects (or as one giant string) at once.
 */

export const EXPORT_PAGE_SIZE = 10_000;
export const NDJSON_MIME = 'application/x-ndjson';

export type ExportProgress = (done: number, total: number) => void;

/** `eventdesk-2026-05-01.ndjson` (the ISO date of `date`, UTC). */
export function exportFileName(date: Date = new Date()): string {
  return `eventdesk-${date.toISOString().slice(0, 10)}.ndjson`;
}

/** One line per event, each ending in "\n". */
export function toNdjsonLines(events: readonly unknown[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}

/**
 * The log from seq 1 to the head as of the call (appends made while the
 * export runs are not included, so the file is always a gap-free prefix),
 * then `bookmarks` inside it, one record line each (see ndjson-bookmarks.ts).
 */
export async function exportNdjson(
  store: EventStore,
  onProgress?: ExportProgress,
  options: { pageSize?: number; /** Stop at this seq (the intact part of a damaged log). */ to?: number; bookmarks?: readonly Bookmark[] } = {},
): Promise<Blob> {
  const head = Math.min(options.to ?? Infinity, await store.headSeq());
  const parts: Blob[] = [];
  let done = 0;
  onProgress?.(0, head);
  for await (const page of readPaged(store, 1, head, options.pageSize ?? EXPORT_PAGE_SIZE)) {
    parts.push(new Blob([toNdjsonLines(page)], { type: NDJSON_MIME }));
    done += page.length;
    onProgress?.(done, head);
    // Let the UI paint progress between pages.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  const marks = (options.bookmarks ?? []).filter((b) => b.seq <= head);
  if (marks.length > 0) parts.push(new Blob([marks.map(bookmarkLine).join('')], { type: NDJSON_MIME }));
  return new Blob(parts, { type: NDJSON_MIME });
}
