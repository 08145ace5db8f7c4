import { z } from '../engine/zod-jitless';
import { BOOKMARK_ID, BOOKMARK_RECORD_VERSION, bookmarkFromRecord, cleanLabel, InvalidBookmark, type Bookmark } from '../engine/bookmark-store';

/**
 * Bookmarks in an NDJSON export: their own record kind, one line each, after
 * the events — `{"kind":"bookmark","v":1,"id":…,"seq":…,"label":…,"createdAt":…}`.
 * Event lines carry no "kind", so an export from before bookmarks (events
 * only) reads as before. `v` is the bookmark record's version: a newer one is
 * refused by name rather than misread.
 */
export const BOOKMARK_KIND = 'bookmark';

const recordSchema = z.strictObject({
  kind: z.literal(BOOKMARK_KIND),
  v: z.number().int().min(1),
  id: z.string().regex(BOOKMARK_ID, 'must be 1 to 64 letters, digits, "-" or "_"'),
  seq: z.number().int().min(0),
  label: z.string(),
  createdAt: z.number().refine(Number.isFinite, 'must be a finite number'),
});

/** The export line of a bookmark (ending in "\n"). */
export function bookmarkLine(b: Bookmark): string {
  return JSON.stringify({ kind: BOOKMARK_KIND, v: BOOKMARK_RECORD_VERSION, id: b.id, seq: b.seq, label: b.label, createdAt: b.createdAt }) + '\n';
}

/** True for a parsed line that names a record kind (every line that is not an event). */
export function isKindRecord(raw: unknown): raw is { kind: unknown } {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.hasOwn(raw, 'kind');
}

/**
 * Bookmark lines of a file being checked: each valid on its own, ids unique,
 * and (once the events are all read) every position inside the imported log.
 */
export class BookmarkLines {
  private readonly found: { bookmark: Bookmark; lineNo: number }[] = [];
  private readonly ids = new Set<string>();

  /** The bookmark of a record line, or the reason it is refused. */
  add(raw: { kind: unknown }, lineNo: number): string | null {
    if (raw.kind !== BOOKMARK_KIND) return `unknown record kind ${JSON.stringify(raw.kind)} (this version reads events and "${BOOKMARK_KIND}" records)`;
    const parsed = recordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `invalid bookmark: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
    }
    const r = parsed.data;
    if (r.v > BOOKMARK_RECORD_VERSION) return `bookmark record version ${r.v} is newer than this app reads (${BOOKMARK_RECORD_VERSION})`;
    let label: string;
    try {
      label = cleanLabel(r.label);
    } catch (e) {
      return `invalid bookmark: ${e instanceof InvalidBookmark ? e.message : String(e)}`;
    }
    if (this.ids.has(r.id)) return `bookmark id "${r.id}" appears twice`;
    this.ids.add(r.id);
    this.found.push({ bookmark: bookmarkFromRecord({ ...r, label }), lineNo });
    return null;
  }

  /** Lines whose bookmark points past the last imported event. */
  outside(head: number): { line: number; reason: string }[] {
    return this.found
      .filter((f) => f.bookmark.seq > head)
      .map((f) => ({ line: f.lineNo, reason: `bookmark "${f.bookmark.label}" is at event ${f.bookmark.seq}, but the file's events end at ${head}` }));
  }

  get bookmarks(): Bookmark[] {
    return this.found.map((f) => f.bookmark);
  }
}
