import { SEGMENT_ENTRIES, encodeDeskSegment, segmentRange } from './desk-segment';
import { SegmentTooLarge, type Upstream } from './upstream';

/**
 * Publishes the sealed segments the desk lacks, up to what this device has applied: any device
 * that holds a fully confirmed segment publishes it (the desk's order is final, so every device
 * builds the same bytes — the command stream's own messages), and the desk stores the first copy
 * of each number only, so two devices racing do no harm. In order: segment n is published only
 * once n-1 is there, so the desk's segments are always 0 … count-1.
 *
 * Returns how many this call stored (or found already stored). A segment larger than the server
 * takes stops publishing (later ones would leave a gap): devices then read the stream from there.
 */
export async function publishSealedSegments(upstream: Upstream, applied: number): Promise<number> {
  let no = await upstream.segmentCount();
  let done = 0;
  while ((no + 1) * SEGMENT_ENTRIES <= applied) {
    const { from, to } = segmentRange(no);
    const messages: string[] = [];
    read: for await (const page of upstream.read(from)) {
      for (const entry of page) {
        if (entry.seq > to) break read;
        if (entry.raw === undefined || entry.seq !== from + messages.length) return done;
        messages.push(entry.raw);
      }
      if (messages.length === SEGMENT_ENTRIES) break;
    }
    if (messages.length !== SEGMENT_ENTRIES) return done;
    try {
      await upstream.putSegment(no, encodeDeskSegment(no, messages));
    } catch (e) {
      if (e instanceof SegmentTooLarge) return done;
      throw e;
    }
    done++;
    no++;
  }
  return done;
}
