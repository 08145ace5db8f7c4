import { z } from 'zod';
import type { StoredEvent } from '../engine/event-envelope';
import type { EventRegistry } from '../engine/event-registry';
import type { LogStaging } from '../engine/log-staging';
import { EventDeskError, InvalidEventPayload } from '../engine/errors';
import type { Bookmark } from '../engine/bookmark-store';
import type { EventDesk } from './event-desk';
import { BookmarkLines, isKindRecord } from './ndjson-bookmarks';

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
export const MAX_STREAM_ID_LENGTH = 200;
/** Keys that could reach an object's prototype chain if the data were ever merged or assigned. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

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

const plainObject = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  { message: 'must be an object' },
);

export const envelopeSchema = z.strictObject({
  seq: z.number().int().min(1),
  streamId: z.string().min(1).max(MAX_STREAM_ID_LENGTH),
  version: z.number().int().min(1),
  type: z.string(),
  schemaVersion: z.number().int().min(1),
  data: plainObject,
  meta: z.strictObject({
    at: z.number().refine(Number.isFinite, 'must be a finite number'),
    actor: z.string(),
    commandId: z.string(),
    correlationId: z.string(),
    causationId: z.string(),
  }),
});

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function tooLargeMessage(size: number, maxBytes: number): string {
  return `The file is ${formatBytes(size)}, larger than the import limit of ${formatBytes(maxBytes)}. Nothing was imported.`;
}

/** UTF-8 length of `text`, stopping early once it passes `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/** Path of the first forbidden key at any depth, or null. Own keys only (JSON.parse makes "__proto__" an own key). */
export function findForbiddenKey(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      stack.push({ v: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}

function zodReason(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing field "${path}"`;
      if (issue.code === 'unrecognized_keys') return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${path ? path + '.' : ''}${k}"`).join(', ')}`;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A readable reason from whatever the registry threw (zod errors arrive as JSON text). */
function payloadReason(e: unknown): string {
  if (e instanceof InvalidEventPayload) {
    try {
      const issues = JSON.parse(e.reason) as unknown;
      if (Array.isArray(issues) && issues.length && typeof issues[0]?.message === 'string') {
        return `invalid ${e.type} data: ${zodReason(issues as z.core.$ZodIssue[])}`;
      }
    } catch {
      // not JSON: the reason is already text
    }
    return `invalid ${e.type} data: ${e.reason}`;
  }
  if (e instanceof EventDeskError) return e.message;
  return e instanceof Error ? e.message : String(e);
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
    const hostile = findForbiddenKey(raw);
    if (hostile !== null) {
      this.fail(lineNo, `forbidden key "${hostile}" (__proto__, constructor and prototype are refused)`);
      this.expectedSeq++;
      return null;
    }
    if (isKindRecord(raw)) {
      // Not an event (a bookmark): it takes no seq.
      const refused = this.bookmarkLines.add(raw, lineNo);
      if (refused) this.fail(lineNo, refused);
      return null;
    }
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) {
      this.fail(lineNo, `invalid event: ${zodReason(parsed.error.issues)}`);
      this.expectedSeq++;
      return null;
    }
    const env = parsed.data;
    if (env.seq !== this.expectedSeq) {
      this.fail(lineNo, `seq ${env.seq} breaks the sequence: expected ${this.expectedSeq} (seq must run 1, 2, 3… with no gaps)`);
    }
    this.expectedSeq = env.seq + 1;
    const previous = this.versions.get(env.streamId) ?? 0;
    if (env.version !== previous + 1) {
      this.fail(lineNo, `version ${env.version} of stream "${env.streamId}" should be ${previous + 1}`);
    }
    this.versions.set(env.streamId, env.version);

    const envelope: StoredEvent = {
      seq: env.seq,
      streamId: env.streamId,
      version: env.version,
      type: env.type,
      schemaVersion: env.schemaVersion,
      data: env.data,
      meta: {
        at: env.meta.at,
        actor: env.meta.actor,
        commandId: env.meta.commandId,
        correlationId: env.meta.correlationId,
        causationId: env.meta.causationId,
      },
    };
    let valid: StoredEvent;
    try {
      // Validated against the strict schema and upcast to the current version.
      valid = this.registry.validateStored(envelope);
    } catch (e) {
      this.fail(lineNo, payloadReason(e));
      return null;
    }
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

/** How long importEvents waits for the desk's own rebuild after a replace before rebuilding itself. */
export const REBUILD_WAIT_MS = 120_000;

export class ImportRefused extends EventDeskError {}

/**
 * Writes parsed events. Into an empty log they are appended; a non-empty log
 * is only replaced (atomically, with its snapshots and checkpoints) when
 * `replace` is set — after the user confirmed. Resolves once the views show
 * the imported log.
 */
export async function importEvents(desk: EventDesk, events: StoredEvent[], options: ImportOptions): Promise<void> {
  if (events.length === 0) throw new ImportRefused('The file contains no events.');
  // A linked browser's history is the desk's: importing would fork it from every other device.
  if (desk.log.linked) throw new ImportRefused('This browser is linked to a sync desk, so nothing can be imported into it.');
  const head = await desk.store.headSeq();
  const newHead = events[events.length - 1].seq;
  if (head === 0) {
    await desk.store.appendStored(events);
    await desk.bookmarks.replaceAll(options.bookmarks ?? []);
    if (isStarted(desk)) await desk.refresh();
    return;
  }
  if (!options.replace) {
    throw new ImportRefused(`The log already holds ${head} events. Confirm replacing it to import this file.`);
  }
  await writeAndShow(desk, newHead, () => desk.store.replaceLog(events), options.bookmarks);
}

export interface ImportOptions {
  replace: boolean;
  /**
   * The file's bookmarks: they replace this browser's (which named positions
   * in the log being replaced). Written just after the log — a crash between
   * the two leaves the imported log without them, never the old log.
   */
  bookmarks?: readonly Bookmark[];
}

/** importEvents for a staged (streamed) import: one commit swaps it in; resolves once the views show it. */
export async function importStaged(desk: EventDesk, staging: LogStaging, options: ImportOptions): Promise<number> {
  const head = await desk.store.headSeq();
  if (head === 0) {
    const newHead = await staging.commit({ replace: false });
    await desk.bookmarks.replaceAll(options.bookmarks ?? []);
    if (isStarted(desk)) await desk.refresh();
    return newHead;
  }
  if (!options.replace) {
    await staging.discard();
    throw new ImportRefused(`The log already holds ${head} events. Confirm replacing it to import this file.`);
  }
  await writeAndShow(desk, staging.count, () => staging.commit({ replace: true }).then(() => undefined), options.bookmarks);
  return staging.count;
}

/** Runs a replace of the log and waits until the desk's views have restarted on it. */
async function writeAndShow(desk: EventDesk, newHead: number, replaceLog: () => Promise<void>, bookmarks: readonly Bookmark[] = []): Promise<void> {
  const replace = async () => {
    await replaceLog();
    await desk.bookmarks.replaceAll(bookmarks);
  };
  if (!isStarted(desk)) {
    await replace();
    return;
  }
  // The store tells the desk (replaced = true) and the desk restarts its views; wait for that rebuild.
  let written = false;
  let settle: () => void = () => {};
  const rebuilt = new Promise<void>((resolve) => (settle = resolve));
  const stopLive = desk.onLive(() => {
    if (written) settle();
  });
  const stopAppended = desk.store.onAppended((_, { replaced }) => {
    if (replaced) written = true;
  });
  try {
    await replace();
    written = true;
    // Should the desk's own restart never report (it failed), rebuild here so errors surface.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fallback = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => desk.restart().then(() => resolve(), reject), REBUILD_WAIT_MS);
    });
    try {
      await Promise.race([rebuilt, fallback]);
    } finally {
      clearTimeout(timer);
    }
    // The first report after the replace may not reach the new head yet (or came from a catch-up
    // that was already under way): bring the live view up to the imported log.
    if (desk.live.seq !== newHead) await desk.refresh();
  } finally {
    stopLive();
    stopAppended();
  }
}

function isStarted(desk: EventDesk): boolean {
  try {
    void desk.live;
    return true;
  } catch {
    return false;
  }
}
