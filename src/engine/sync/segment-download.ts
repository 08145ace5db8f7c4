import { SEGMENT_ENTRIES, decodeDeskSegment, segmentRange } from './desk-segment';
import { pullPhaseDone, pullPhaseStart } from './pull-timings';
import { UpstreamRefused, type Upstream, type UpstreamEntry } from './upstream';

/**
 * At most this many sealed segments are checked and written together (one IndexedDB transaction for up to
 * 32,000 entries). Writing each 1,000-entry segment on its own rewrote the log's open tail and the streams'
 * index pages once per segment, and every IndexedDB round trip costs tens of milliseconds on a loaded
 * machine (issue 8). Fewer (at least SEGMENTS_PER_WRITE_AT_LEAST) are written together when the next
 * download is not there yet, so writing waits for the network only as long as it must.
 */
export const SEGMENTS_PER_WRITE = 32;
/** A write waits for this many downloaded segments (or the last one) before it goes without the rest. */
const SEGMENTS_PER_WRITE_AT_LEAST = 4;

/**
 * The desk's sealed segments after position `applied` (a segment boundary), downloaded whole, each
 * one checked before it is trusted: its format, range and checksum (desk-segment.ts), and that it lines
 * up with the command stream — its first and last messages are byte for byte the stream's at those
 * positions. Its entries then go through the same checks as pulled ones (LogSync.apply), so a hostile
 * entry inside a segment is quarantined exactly as it is when pulled message by message.
 *
 * Yields the entries of consecutive checked segments — up to `perWrite`, or those downloaded so far —
 * while the next ones download. Stops at the first segment the desk lacks or that fails a check (`onUnusable` hears why),
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
  const arrived = new Set<number>();
  const fetchOne = (no: number) => {
    const { from, to } = segmentRange(no);
    const all = Promise.all([upstream.readSegment(no), upstream.messageAt(from), upstream.messageAt(to)]);
    all.then(
      () => arrived.add(no),
      () => arrived.add(no), // a download started ahead and then not used must not surface as unhandled
    );
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
    arrived.delete(no);
    const enough = group.length >= Math.min(perWrite, SEGMENTS_PER_WRITE_AT_LEAST) * SEGMENT_ENTRIES;
    if (group.length >= perWrite * SEGMENT_ENTRIES || (enough && no < last && !arrived.has(no + 1))) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
  if (unusable !== undefined) onUnusable(unusable);
}
