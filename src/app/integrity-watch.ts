import type { DexieEventStore } from '../engine/dexie/dexie-event-store';
import type { EventDeskDb } from '../engine/dexie/eventdesk-db';
import { localStorageHeadRecord, memoryHeadRecord, type HeadRecordStore } from './head-record';
import { damageProblem, StorageProblem, type IntegrityProblem } from './integrity-problem';

/** What the desk does when the watch finds (or clears) a problem. */
export interface IntegrityWatchHooks {
  /** After each change, before the listeners: a blocked log stops the background work, an unblocked one (re)starts it. */
  changed: (blocked: boolean) => void;
  /** Site data was cleared: the subscribers stop (before the problem is told). */
  cleared: () => void;
  /** The position on screen, which the 'cleared' problem names. */
  shownSeq: () => number;
}

/**
 * EventDesk's watch over its storage: the head record kept outside IndexedDB
 * (a shorter log at start-up is 'lost'), site data cleared under an open desk,
 * and damage the store reports. Holds the one problem shown, and refuses
 * commands while it blocks them.
 */
export class IntegrityWatch {
  private readonly headRecord: HeadRecordStore;
  private problemValue: IntegrityProblem | null = null;
  private readonly problemListeners = new Set<(p: IntegrityProblem | null) => void>();
  /** Set while this desk closes its own database (so that close is not taken for cleared site data). */
  private closing = false;
  /** The head this desk last wrote to the head record (0: none yet). */
  private recordedHead = 0;

  constructor(
    private readonly db: EventDeskDb,
    private readonly store: DexieEventStore,
    headRecord: HeadRecordStore | undefined,
    private readonly hooks: IntegrityWatchHooks,
  ) {
    this.headRecord =
      headRecord ?? (typeof localStorage !== 'undefined' ? localStorageHeadRecord(localStorage, this.db.name) : memoryHeadRecord());
    this.store.onDamage((e) => this.setProblem(damageProblem(e)));
    // The browser closes every connection when the site's data is cleared; Dexie would quietly reopen an empty database.
    // Dexie also closes for another tab's schema upgrade (a versionchange, announced just after the close): not a loss.
    let upgrading = false;
    this.db.on('versionchange', (e: IDBVersionChangeEvent) => {
      upgrading = (e.newVersion ?? 0) > 0;
    });
    this.db.on('close', () => {
      if (this.closing) return;
      setTimeout(() => {
        if (!upgrading && !this.closing) this.storageCleared();
      }, 0);
    });
  }

  /** The desk closes its database itself from now on: no close is taken for cleared site data. */
  markClosing(): void {
    this.closing = true;
  }

  /** The check at start-up against the head this browser last recorded. */
  checkHead(head: number): void {
    const recorded = this.headRecord.read();
    if (recorded && recorded.head > head) {
      this.recordedHead = recorded.head;
      this.setProblem({ kind: 'lost', expected: recorded.head, found: head });
    } else this.noteHead(head, false);
  }

  /** What is wrong with storage right now, or null. */
  get problem(): IntegrityProblem | null {
    return this.problemValue;
  }

  onProblem(listener: (p: IntegrityProblem | null) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  /** The user accepts a shorter log ("start from here"): the record follows the log again. */
  dismissLoss(): void {
    if (this.problemValue?.kind !== 'lost') return;
    this.setProblem(null);
    void this.store.headSeq().then((head) => this.writeHeadRecord(head, true), () => {});
  }

  setProblem(problem: IntegrityProblem | null): void {
    const current = this.problemValue;
    // A damaged log outranks a shorter one; cleared site data outranks both.
    if (problem && current && rank(current) > rank(problem)) return;
    this.problemValue = problem;
    this.hooks.changed(this.blocked());
    for (const l of this.problemListeners) l(problem);
  }

  private storageCleared(): void {
    if (this.problemValue?.kind === 'cleared') return;
    // No reopening: a write now would start a new, almost empty log under the user's feet.
    this.closing = true;
    this.db.close();
    this.closing = false;
    this.hooks.cleared();
    this.setProblem({ kind: 'cleared', shown: this.hooks.shownSeq() });
  }

  /** Commands and demo data wait until a damaged or cleared log is dealt with. */
  blocked(): boolean {
    const kind = this.problemValue?.kind;
    return kind === 'damaged' || kind === 'cleared';
  }

  guard(): void {
    // localStorage is cleared with the site's data too: a record this desk wrote that vanished means the log went with it.
    if (this.recordedHead > 0 && !this.problemValue && this.headRecord.read() === null) this.storageCleared();
    if (this.blocked()) throw new StorageProblem(this.problemValue!);
  }

  noteHead(head: number, replaced: boolean): void {
    const p = this.problemValue;
    if (p?.kind === 'lost' && (replaced || head >= p.expected)) this.setProblem(null);
    if (this.problemValue?.kind === 'lost') return;
    this.writeHeadRecord(head, replaced);
  }

  private writeHeadRecord(head: number, replaced: boolean): void {
    const recorded = this.headRecord.read()?.head ?? 0;
    // Only ever forward, except when the log was replaced on purpose (import).
    if (head > recorded || replaced) this.headRecord.write(head);
    this.recordedHead = Math.max(head, replaced ? head : this.recordedHead);
  }
}

function rank(p: IntegrityProblem): number {
  return p.kind === 'cleared' ? 3 : p.kind === 'damaged' ? 2 : 1;
}
