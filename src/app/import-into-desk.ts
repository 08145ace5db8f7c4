import type { StoredEvent } from '../engine/event-envelope';
import type { LogStaging } from '../engine/log-staging';
import { EventDeskError } from '../engine/errors';
import type { Bookmark } from '../engine/bookmark-store';
import type { EventDesk } from './event-desk';
import { stageNdjsonFile, type StageOptions, type StageResult } from './ndjson-stream-import';

/**
 * Import into a running desk: staging a file (checked, nothing written to the log) and swapping a checked
 * import in. Parsing and checking the lines is ndjson-import.ts / ndjson-stream-import.ts.
 */

/** Checks and stages a file for import. Background range summaries wait meanwhile: both at once can exceed a small device's heap. */
export function stageImportFile(desk: EventDesk, file: Blob, options: StageOptions = {}): Promise<StageResult> {
  return desk.holdBackgroundWhile(stageNdjsonFile(file, desk.store, desk.registry, options));
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
