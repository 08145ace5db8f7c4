import type { StoredEvent } from '../engine/event-envelope';
import type { EventRegistry } from '../engine/event-registry';
import type { Bookmark } from '../engine/bookmark-store';
import { findForbiddenKey, parseEnvelope, utf8Length, validatePayload } from '../engine/event-checks';
import { BookmarkLines, isKindRecord } from './ndjson-bookmarks';

// The rules themselves live a layer down, shared with sync (a desk entry is checked like a line).
export { FORBIDDEN_KEYS, MAX_STREAM_ID_LENGTH, envelopeSchema, findForbiddenKey, utf8Length } from '../engine/event-checks';

/**
 * Import of an NDJSON export. All or nothing: every line is checked (JSON,
 * envelope, payload through the registry's strict schemas and upcasters,
 * hostile keys, gap-free positions) before anything is written, and any
 * error rejects the whole file with line numbers.
 */

/** Files larger than this are refused before they are read or parsed. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** At most this many errors are listed; the rest are counted ("…and N more"). */
export const MAX_REPORTED_ERRORS = 50;
/** `line` is 1-based; 0 means the file as a whole (size, emptiness). */
export interface ImportError {
  line: number;
  reason: string;
}

export type ParseResult =
  | { events: StoredEvent[]; bookmarks: Bookmark[] }
  | {
      errors: ImportError[];
      /** Errors found beyond the listed ones. */
      more: number;
    };

export interface ParseOptions {
  maxBytes?: number;
}

export type ParseProgress = (doneBytes: number, totalBytes: number) => void;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function tooLargeMessage(size: number, maxBytes: number): string {
  return `The file is ${formatBytes(size)}, larger than the import limit of ${formatBytes(maxBytes)}. Nothing was imported.`;
}

/**
 * Checks lines one by one and keeps running totals (expected seq, stream
 * versions), so the sync and the chunked async parser share every rule.
 */
export class NdjsonChecker {
  private events: StoredEvent[] | null = [];
  private readonly errors: ImportError[] = [];
  private errorCount = 0;
  private expectedSeq = 1;
  private readonly versions = new Map<string, number>();
  private readonly bookmarkLines = new BookmarkLines();

  /** `keep` false: the streamed import takes each valid event from check() instead of a growing array. */
  constructor(
    private readonly registry: EventRegistry,
    private readonly keep = true,
  ) {}

  get failed(): boolean {
    return this.events === null;
  }

  fail(line: number, reason: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, reason });
    this.events = null;
  }

  /** The line's event, validated and upcast, or null (the error is recorded). */
  check(text: string, lineNo: number): StoredEvent | null {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      this.fail(lineNo, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      this.expectedSeq++;
      return null;
    }
    if (isKindRecord(raw)) {
      // Not an event (a bookmark): it takes no seq. Hostile keys are refused here too.
      const hostile = findForbiddenKey(raw);
      const refused = hostile !== null ? `forbidden key "${hostile}" (__proto__, constructor and prototype are refused)` : this.bookmarkLines.add(raw, lineNo);
      if (refused) this.fail(lineNo, refused);
      return null;
    }
    const shaped = parseEnvelope(raw);
    if ('reason' in shaped) {
      this.fail(lineNo, shaped.reason);
      this.expectedSeq++;
      return null;
    }
    const env = shaped.envelope;
    if (env.seq !== this.expectedSeq) {
      this.fail(lineNo, `seq ${env.seq} breaks the sequence: expected ${this.expectedSeq} (seq must run 1, 2, 3… with no gaps)`);
    }
    this.expectedSeq = env.seq + 1;
    const previous = this.versions.get(env.streamId) ?? 0;
    if (env.version !== previous + 1) {
      this.fail(lineNo, `version ${env.version} of stream "${env.streamId}" should be ${previous + 1}`);
    }
    this.versions.set(env.streamId, env.version);
    // Validated against the strict schema and upcast to the current version.
    const checked = validatePayload(this.registry, env);
    if ('reason' in checked) {
      this.fail(lineNo, checked.reason);
      return null;
    }
    const valid = checked.event;
    if (this.events === null) return null;
    if (this.keep) this.events.push(valid);
    return valid;
  }

  /** The file's bookmarks (valid once every line was checked and finish() found no problem). */
  get bookmarks(): Bookmark[] {
    return this.bookmarkLines.bookmarks;
  }

  /** After the last line: every bookmark must point inside the file's events. */
  finish(): void {
    for (const { line, reason } of this.bookmarkLines.outside(this.expectedSeq - 1)) this.fail(line, reason);
  }

  /** Errors found so far: the listed ones and how many more. */
  rejection(): { errors: ImportError[]; more: number } {
    return { errors: this.errors, more: Math.max(0, this.errorCount - this.errors.length) };
  }

  result(): ParseResult {
    if (this.events && this.events.length === 0 && this.errorCount === 0) {
      return { errors: [{ line: 0, reason: 'The file contains no events.' }], more: 0 };
    }
    this.finish();
    if (this.events) return { events: this.events, bookmarks: this.bookmarks };
    return { errors: this.errors, more: Math.max(0, this.errorCount - this.errors.length) };
  }
}

function sizeCheck(text: string, maxBytes: number): ParseResult | null {
  // UTF-8 takes at least one byte per UTF-16 unit, so only long texts need counting.
  if (text.length <= maxBytes / 3) return null;
  const bytes = utf8Length(text);
  return bytes > maxBytes ? { errors: [{ line: 0, reason: tooLargeMessage(bytes, maxBytes) }], more: 0 } : null;
}

/** Calls `each(line, lineNo)` for every non-blank line, from `start`; stops after `maxLines` and returns where it stopped. */
function scanLines(text: string, start: number, lineNo: number, maxLines: number, each: (line: string, lineNo: number) => void) {
  let pos = start;
  let count = 0;
  while (pos < text.length && count < maxLines) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    let line = text.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() !== '') each(line, lineNo);
    lineNo++;
    count++;
    pos = end + 1;
  }
  return { pos, lineNo };
}

/**
 * Parses and validates an NDJSON export. Returns every event (validated,
 * upcast to the current schema) or, on any error, only the errors.
 */
export function parseNdjson(text: string, registry: EventRegistry, options: ParseOptions = {}): ParseResult {
  const tooLarge = sizeCheck(text, options.maxBytes ?? MAX_IMPORT_BYTES);
  if (tooLarge) return tooLarge;
  const checker = new NdjsonChecker(registry);
  scanLines(text, 0, 1, Infinity, (line, n) => checker.check(line, n));
  return checker.result();
}

/** parseNdjson in slices, yielding to the event loop between them so the page stays responsive and shows progress. */
export async function parseNdjsonAsync(
  text: string,
  registry: EventRegistry,
  options: ParseOptions & { onProgress?: ParseProgress; linesPerSlice?: number } = {},
): Promise<ParseResult> {
  const tooLarge = sizeCheck(text, options.maxBytes ?? MAX_IMPORT_BYTES);
  if (tooLarge) return tooLarge;
  const checker = new NdjsonChecker(registry);
  const slice = options.linesPerSlice ?? 5_000;
  let at = { pos: 0, lineNo: 1 };
  options.onProgress?.(0, text.length);
  while (at.pos < text.length) {
    at = scanLines(text, at.pos, at.lineNo, slice, (line, n) => checker.check(line, n));
    options.onProgress?.(Math.min(at.pos, text.length), text.length);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return checker.result();
}

/** Reads and parses a file, refusing it by its size before reading a byte. */
export async function parseNdjsonFile(
  file: Blob,
  registry: EventRegistry,
  options: ParseOptions & { onProgress?: ParseProgress } = {},
): Promise<ParseResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (file.size > maxBytes) return { errors: [{ line: 0, reason: tooLargeMessage(file.size, maxBytes) }], more: 0 };
  const text = await readText(file);
  return parseNdjsonAsync(text, registry, options);
}

function readText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}
