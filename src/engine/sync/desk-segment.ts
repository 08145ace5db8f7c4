import { checksum32 } from '../checksum';
import { decodeEntry } from './entry-validation';
import type { UpstreamEntry } from './upstream';

/**
 * A sealed segment of a desk: the command messages of SEGMENT_ENTRIES consecutive desk positions
 * (segment k holds k*SEGMENT_ENTRIES+1 … (k+1)*SEGMENT_ENTRIES), byte for byte as the command stream
 * holds them. The desk's order is final, so a segment is the same wherever it is built; a fresh device
 * downloads it whole instead of reading a thousand messages, and still checks every entry in it
 * exactly as it checks pulled ones (LogSync.apply).
 *
 * Counted in desk entries, not events: a command is one entry however many events it carries, so a
 * segment always ends where a command ends.
 */
export const SEGMENT_ENTRIES = 1_000;

/** The wire format's version; bumped when it changes (a reader ignores segments it does not know). */
export const DESK_SEGMENT_VERSION = 1;

interface DeskSegmentWire {
  v: typeof DESK_SEGMENT_VERSION;
  no: number;
  from: number;
  to: number;
  /** checksum32 of JSON.stringify(messages): damage in transit or at rest is caught before any entry is read. */
  checksum: number;
  messages: string[];
}

export const segmentRange = (no: number) => ({ from: no * SEGMENT_ENTRIES + 1, to: (no + 1) * SEGMENT_ENTRIES });

export function encodeDeskSegment(no: number, messages: string[]): string {
  const { from, to } = segmentRange(no);
  if (messages.length !== SEGMENT_ENTRIES) throw new Error(`A segment holds ${SEGMENT_ENTRIES} messages, not ${messages.length}.`);
  const wire: DeskSegmentWire = { v: DESK_SEGMENT_VERSION, no, from, to, checksum: checksum32(JSON.stringify(messages)), messages };
  return JSON.stringify(wire);
}

export interface DecodedSegment {
  from: number;
  to: number;
  /** The messages as the command stream holds them (the last one is compared with the stream). */
  messages: string[];
  /** Each message decoded as a pulled one is (never throws: a bad one comes back `invalid`). */
  entries: UpstreamEntry[];
}

/**
 * Segment `no` as entries, or why it cannot be used (then the device reads the command stream instead).
 * Checks its shape, that it covers exactly the positions of segment `no`, and its checksum.
 */
export function decodeDeskSegment(text: string, no: number): DecodedSegment | { reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { reason: `segment ${no} is not valid JSON` };
  }
  const w = raw as Partial<DeskSegmentWire> | null;
  if (!w || typeof w !== 'object' || w.v !== DESK_SEGMENT_VERSION) return { reason: `segment ${no} has an unknown format` };
  const { from, to } = segmentRange(no);
  if (w.no !== no || w.from !== from || w.to !== to) return { reason: `segment ${no} claims positions ${String(w.from)}–${String(w.to)}, not ${from}–${to}` };
  const messages = w.messages;
  if (!Array.isArray(messages) || messages.length !== SEGMENT_ENTRIES || messages.some((m) => typeof m !== 'string')) {
    return { reason: `segment ${no} does not hold ${SEGMENT_ENTRIES} messages` };
  }
  if (w.checksum !== checksum32(JSON.stringify(messages))) return { reason: `segment ${no} fails its checksum` };
  return { from, to, messages, entries: messages.map((m, i) => decodeEntry(m, from + i)) };
}
