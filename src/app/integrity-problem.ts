import { EventDeskError, LogDamaged } from '../engine/errors';

/**
 * What the desk knows is wrong with its storage, for the UI to announce with
 * the ways back. At most one is shown; a damaged log outranks the others.
 */
export type IntegrityProblem =
  /** Stored events fail their checksum or schema: seqs from…to; 1…from-1 are intact. */
  | { kind: 'damaged'; from: number; to: number; reason: string }
  /** At start-up the log was shorter than the last head this browser recorded (lost by the browser). */
  | { kind: 'lost'; expected: number; found: number }
  /** Site data was cleared while the desk was open: what is on screen is no longer stored. */
  | { kind: 'cleared'; shown: number };

export function damageProblem(e: LogDamaged): IntegrityProblem {
  return { kind: 'damaged', from: e.from, to: e.to, reason: e.reason };
}

/** Why a command is refused while a problem stands (English; the UI shows its own translated alert). */
export class StorageProblem extends EventDeskError {
  constructor(readonly problem: IntegrityProblem) {
    super(refusal(problem));
  }
}

function refusal(p: IntegrityProblem): string {
  switch (p.kind) {
    case 'damaged':
      return `Nothing was saved: the event log is damaged at events ${p.from}–${p.to}. Export the readable part, then import it to continue.`;
    case 'cleared':
      return 'Nothing was saved: this browser\u2019s data for EventDesk was cleared while the desk was open. Reload the page to start from what is stored.';
    case 'lost':
      return 'The event log is shorter than this browser last had.';
  }
}
