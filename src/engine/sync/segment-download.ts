import { SEGMENT_ENTRIES, decodeDeskSegment, segmentRange } from './desk-segment';
import { pullPhaseDone, pullPhaseStart } from './pull-timings';
import { UpstreamRefused, type Upstream, type UpstreamEntry } from './upstream';

/**
 * How many sealed segments a fresh device checks and writes together (one IndexedDB transaction for
 * ~8,000 entries). Writing each 1,000-entry segment on its own rewrote the log's open tail and the
 * streams' index pages once per segment, which cost more than checking the entries (issue 8).
 */
export const SEGMENTS_PER_WRITE = 8;

/**
 * The desk's sealed segments after position `applied` (a segment boundary), downloaded whole, each
 * one checked before it is trusted: its format, range and checksum (desk-segment.ts), and that it lines
 * up with the command stream — its first and last messages are byte for byte the stream's at those
 * positions. Its entries then go through the same checks as pulled ones (LogSync.apply), so a hostile
 * entry inside a segment is quarantined exactly as it is when pulled message by message.
 *
 * Yields the entries of up to `perWrite` consecutive checked segments at a time, while the next ones
 * download. Stops at the first segment the desk lacks or that fails a check (`onUnusable` hears why),
 * after yielding the checked ones before it; the caller reads the command stream from there, so a bad
 * segment costs speed, never an entry.
 */
export async function* sealedSegments(
  upstream: Upstream,
  applied: number,
  head: number,
  onUnusable: (reason: string) => void = () => {},
  perWrite = SEGMENTS_PER_WRITE,
): AsyncIterable<UpstreamEntry[]> {
  if (applied % SEGMENT_ENTRIES !== 0) return;
  // A server whose permissions predate segments refuses them: sync goes on through the command stream.
  const refused = (e: unknown) => {
    if (!(e instanceof UpstreamRefused)) throw e;
    onUnusable(`the server refuses this desk's segments (${e.message})`);
    return undefined;
  };
  const count = await upstream.segmentCount().catch(refused);
  if (count === undefined) return;
  const last = Math.min(count, Math.floor(head / SEGMENT_ENTRIES)) - 1;
  const fetchOne = (no: number) => {
    const { from, to } = segmentRange(no);
    const all = Promise.all([upstream.readSegment(no), upstream.messageAt(from), upstream.messageAt(to)]);
    all.catch(() => {}); // a download started ahead and then not used must not surface as unhandled
    return all;
  };
  // Up to `perWrite` downloads run ahead, so the next group arrives while this one is checked and written.
  const ahead: ReturnType<typeof fetchOne>[] = [];
  let queued = applied / SEGMENT_ENTRIES;
  const topUp = () => {
    while (ahead.length < perWrite && queued <= last) ahead.push(fetchOne(queued++));
  };
  let group: UpstreamEntry[] = [];
  let unusable: string | undefined;
  for (let no = applied / SEGMENT_ENTRIES; no <= last; no++) {
    topUp();
    const waited = pullPhaseStart();
    const fetched = await ahead.shift()!.catch(refused);
    pullPhaseDone('segmentDownloadWait', waited);
    if (!fetched) break;
    const [text, first, final] = fetched;
    if (text === undefined) break;
    const checking = pullPhaseStart();
    const segment = decodeDeskSegment(text, no);
    pullPhaseDone('segmentDecodeAndCheck', checking);
    if ('reason' in segment) {
      unusable = segment.reason;
      break;
    }
    if (segment.messages[0] !== first || segment.messages[SEGMENT_ENTRIES - 1] !== final) {
      unusable = `segment ${no} does not match the desk's commands at positions ${segment.from}–${segment.to}`;
      break;
    }
    for (const entry of segment.entries) group.push(entry);
    if (group.length >= perWrite * SEGMENT_ENTRIES) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
  if (unusable !== undefined) onUnusable(unusable);
}
