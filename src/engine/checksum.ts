/**
 * Checksums of stored records (log segments, tail events, snapshots), so a
 * record altered or cut on disk is detected on read instead of shown.
 *
 * FNV-1a, 32 bits, over the UTF-16 code units of the stored string: not
 * cryptographic (it guards against damage, not attackers) but about a third
 * of the cost of the JSON.parse it sits beside. Records carry the version of
 * the algorithm, so it can change later without misreading older records.
 */
export const CHECKSUM_VERSION = 1;

export function checksum32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** What a stored record carries; both absent on records written before checksums. */
export interface Checksummed {
  checksum?: number;
  checksumVersion?: number;
}

/**
 * True when the record's checksum matches `text`; undefined when the record
 * has none (an older layout: the caller falls back to validating content).
 * A checksum of an unknown (newer) version counts as a mismatch.
 */
export function checksumMatches(record: Checksummed, text: string): boolean | undefined {
  if (record.checksum === undefined && record.checksumVersion === undefined) return undefined;
  return record.checksumVersion === CHECKSUM_VERSION && record.checksum === checksum32(text);
}
