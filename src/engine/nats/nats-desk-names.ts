// Where a desk lives on the server: its streams, subjects and key-value bucket, all named after the desk.

/** Desk names become subject tokens and stream names: keep them to safe characters. */
export function validDeskName(desk: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(desk);
}

export const deskStream = (desk: string) => `EVENTDESK_${desk}`;
export const deskSubject = (desk: string) => `ev.${desk}.cmd`;
/** The desk's sealed segments: a second stream, one message per segment on a subject of its own. */
export const segmentStream = (desk: string) => `EVENTDESKSEG_${desk}`;
export const segmentSubject = (desk: string, no: number | '*') => `ev.${desk}.seg.${no}`;

export const deskBucket = (desk: string) => `eventdesk-${desk}`;
