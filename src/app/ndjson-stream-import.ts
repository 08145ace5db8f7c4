import { EventDeskError } from '../engine/errors';
import type { StoredEvent } from '../engine/event-envelope';
import type { EventRegistry } from '../engine/event-registry';
import type { EventStore } from '../engine/event-store';
import type { LogStaging } from '../engine/log-staging';
import type { Bookmark } from '../engine/bookmark-store';
import { LineTooLong, readLines } from './ndjson-lines';
import { MAX_IMPORT_BYTES, NdjsonChecker, tooLargeMessage, type ImportError, type ParseProgress } from './ndjson-import';

/**
 * The import of a file of any size up to MAX_IMPORT_BYTES without holding it:
 * read as a stream, every line checked by the same rules as parseNdjson, valid
 * events staged in chunks (store.stageLog). On the first error the staging is
 * thrown away and the rest of the file is only checked, so the user still
 * sees every problem; nothing of the log changes until the caller commits.
 */

/** A line longer than this is refused: events are a few hundred bytes; a huge line is a wrong or hostile file. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** Events staged per write: large enough for fast writes, small enough for a bounded heap. */
export const STAGE_CHUNK_EVENTS = 5_000;

export class ImportCancelled extends EventDeskError {
  constructor() {
    super('The import was cancelled. Nothing was changed.');
  }
}

export type StageResult = { staging: LogStaging; count: number; bookmarks: Bookmark[] } | { errors: ImportError[]; more: number };

export interface StageOptions {
  signal?: AbortSignal;
  onProgress?: ParseProgress;
  maxBytes?: number;
  chunkEvents?: number;
  maxLineChars?: number;
}

export async function stageNdjsonFile(file: Blob, store: EventStore, registry: EventRegistry, options: StageOptions = {}): Promise<StageResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (file.size > maxBytes) return { errors: [{ line: 0, reason: tooLargeMessage(file.size, maxBytes) }], more: 0 };
  const chunkEvents = options.chunkEvents ?? STAGE_CHUNK_EVENTS;
  const checker = new NdjsonChecker(registry, false);
  let staging: LogStaging | null = await store.stageLog();
  const drop = async () => {
    const s = staging;
    staging = null;
    await s?.discard();
  };
  try {
    let chunk: StoredEvent[] = [];
    let found = 0;
    options.onProgress?.(0, file.size);
    try {
      for await (const batch of readLines(file, options.maxLineChars ?? MAX_LINE_CHARS)) {
        if (options.signal?.aborted) throw new ImportCancelled();
        for (const { text, lineNo } of batch.lines) {
          const event = checker.check(text, lineNo);
          if (event) found++;
          if (event && staging) chunk.push(event);
        }
        if (checker.failed && staging) {
          chunk = [];
          await drop();
        }
        if (staging && chunk.length >= chunkEvents) {
          await staging.add(chunk);
          chunk = [];
        }
        options.onProgress?.(Math.min(batch.bytesRead, file.size), file.size);
        // Let the page paint and hear a cancel between chunks.
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    } catch (e) {
      if (!(e instanceof LineTooLong)) throw e;
      checker.fail(e.lineNo, e.message);
    }
    if (options.signal?.aborted) throw new ImportCancelled();
    checker.finish();
    if (checker.failed || !staging) {
      await drop();
      return checker.rejection();
    }
    if (chunk.length) await staging.add(chunk);
    if (found === 0) {
      await drop();
      return { errors: [{ line: 0, reason: 'The file contains no events.' }], more: 0 };
    }
    return { staging, count: staging.count, bookmarks: checker.bookmarks };
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
}
