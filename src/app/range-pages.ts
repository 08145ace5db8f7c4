import type { StoredEvent } from '../engine/event-envelope';

/** What a paged read feeds: a fold that knows how far it got. */
export interface PagedFold {
  readonly position: number;
  add(events: readonly StoredEvent[]): unknown;
}

export interface RangePaging {
  /** Events per page; pages end on multiples of it (so on segment boundaries when it is a multiple of the segment size). */
  pageEvents: number;
  /** Pages asked for ahead of the fold. */
  inFlight: number;
}

/**
 * Feeds `fold` the events after its position up to `to`: `inFlight` pages are
 * asked for at once and folded in order, so the reads of later pages overlap
 * the decoding and folding of earlier ones, and a long range costs a few large
 * reads rather than many small round trips. False when `current()` said stop
 * before the end (nothing more is folded then).
 */
export async function foldRangeInPages(
  read: (from: number, to: number) => Promise<StoredEvent[]>,
  fold: PagedFold,
  to: number,
  current: () => boolean,
  { pageEvents, inFlight }: RangePaging,
): Promise<boolean> {
  const pages: Promise<StoredEvent[]>[] = [];
  let asked = fold.position;
  const askNext = (): void => {
    if (asked >= to) return;
    const end = Math.min(to, (Math.floor(asked / pageEvents) + 1) * pageEvents);
    const page = read(asked + 1, end);
    // A page left unread when the fold stops early must not report its failure as unhandled.
    page.catch(() => undefined);
    pages.push(page);
    asked = end;
  };
  while (pages.length < inFlight && asked < to) askNext();
  for (let page = pages.shift(); page; page = pages.shift()) {
    const events = await page;
    if (!current()) return false;
    // The log ends before `to`: the pages after this one are empty too.
    if (events.length === 0) break;
    askNext();
    fold.add(events);
  }
  return current();
}
