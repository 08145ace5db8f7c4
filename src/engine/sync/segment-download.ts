import { SEGMENT_ENTRIES, decodeDeskSegment, segmentRange } from './desk-segment';
import { UpstreamRefused, type Upstream, type UpstreamEntry } from './upstream';

/**
 * The desk's sealed segments after position `applied` (a segment boundary), downloaded whole, each
 * one checked before it is trusted: its format, range and checksum (desk-segment.ts), and that it lines
 * up with the command stream — its first and last messages are byte for byte the stream's at those
 * positions. Its entries then go through the same checks as pulled ones (LogSync.apply), so a hostile
 * entry inside a segment is quarantined exactly as it is when pulled message by message.
 *
 * Stops at the first segment the desk lacks or that fails a check (`onUnusable` hears why); the caller
 * reads the command stream from there, so a bad segment costs speed, never an entry.
 */
export async function* sealedSegments(
  upstream: Upstream,
  applied: number,
  head: number,
  onUnusable: (reason: string) => void = () => {},
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
  let next = applied / SEGMENT_ENTRIES <= last ? fetchOne(applied / SEGMENT_ENTRIES) : undefined;
  for (let no = applied / SEGMENT_ENTRIES; no <= last && next; no++) {
    const fetched = await next.catch(refused);
    if (!fetched) return;
    const [text, first, final] = fetched;
    // The next one downloads while this one is checked and written.
    next = no + 1 <= last ? fetchOne(no + 1) : undefined;
    if (text === undefined) return;
    const segment = decodeDeskSegment(text, no);
    if ('reason' in segment) return onUnusable(segment.reason);
    if (segment.messages[0] !== first || segment.messages[SEGMENT_ENTRIES - 1] !== final) {
      return onUnusable(`segment ${no} does not match the desk's commands at positions ${segment.from}–${segment.to}`);
    }
    yield segment.entries;
  }
}
