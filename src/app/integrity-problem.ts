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
  // Stated, not derived: a production build renames classes.
  override readonly name = 'StorageProblem';
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

/** What the UI needs to say a storage failure in the user's language (by name: errors arrive structured-cloned from other tabs too). */
export type StorageFailure =
  | { kind: 'quota' }
  | { kind: 'damaged'; from: number; to: number }
  | { kind: 'cleared' };

export function storageFailureOf(e: unknown): StorageFailure | null {
  if (!(e instanceof Error)) return null;
  if (e.name === 'StorageQuotaExceeded') return { kind: 'quota' };
  if (e.name === 'LogDamaged') {
    const d = e as Error & { from?: number; to?: number };
    return typeof d.from === 'number' && typeof d.to === 'number' ? { kind: 'damaged', from: d.from, to: d.to } : null;
  }
  if (e.name !== 'StorageProblem') return null;
  const p = (e as Error & { problem?: IntegrityProblem }).problem;
  if (p?.kind === 'damaged') return { kind: 'damaged', from: p.from, to: p.to };
  if (p?.kind === 'cleared') return { kind: 'cleared' };
  return null;
}

/** A storage failure as a command error's rule (`storage.quota`, …) and back: the store keeps errors as rules. */
export function storageFailureRule(f: StorageFailure): { rule: string; params: Record<string, number> } {
  return { rule: `storage.${f.kind}`, params: f.kind === 'damaged' ? { from: f.from, to: f.to } : {} };
}

export function storageFailureOfRule(r: { rule: string; params: Record<string, string | number> }): StorageFailure | null {
  if (r.rule === 'storage.quota') return { kind: 'quota' };
  if (r.rule === 'storage.cleared') return { kind: 'cleared' };
  if (r.rule === 'storage.damaged') return { kind: 'damaged', from: Number(r.params.from), to: Number(r.params.to) };
  return null;
}
