import type { StoredEvent } from './event-envelope';

/**
 * A stable name for one event: its stream and its version there. Unlike seq
 * it means the same event on every device, so a compensating event can carry
 * it as `meta.causationId` (command ids never contain '@').
 */
export function eventRef(e: Pick<StoredEvent, 'streamId' | 'version'>): string {
  return `${e.streamId}@${e.version}`;
}

export function parseEventRef(ref: string): { streamId: string; version: number } | null {
  const m = /^(.+)@([1-9]\d*)$/.exec(ref);
  return m ? { streamId: m[1], version: Number(m[2]) } : null;
}
