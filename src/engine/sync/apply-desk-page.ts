import { BranchStore } from '../branch-store';
import type { StoredEvent } from '../event-envelope';
import type { EventRegistry } from '../event-registry';
import type { EntryChecker, Verdict } from './entry-validation';
import { withCommandsLookedUp } from './looked-up-commands';
import { pullPhaseDone, pullPhaseStart } from './pull-timings';
import type { PendingLog } from './pending-log';
import type { PendingCommand, RejectedCommand, SyncLink, SyncStateStore } from './sync-state-store';
import { UpstreamDiverged, type UpstreamEntry } from './upstream';

/** What applying a page needs from LogSync: its log and link, and its tail state (read when the page is applied). */
export interface DeskPageContext {
  log: PendingLog;
  state: SyncStateStore;
  /** With it (and a checker), each entry is judged against the log as the entries before it left it. */
  registry: EventRegistry | undefined;
  checker: EntryChecker | undefined;
  link: SyncLink;
  /** Pending commands waiting for a rebase after restore. */
  held(): PendingCommand[];
  needsRebase(): boolean;
  /** Decides the remaining pending commands again (see rebase-tail.ts). */
  rebase(pending: PendingCommand[], refusedAlready: RejectedCommand[]): Promise<void>;
  /** The confirmed log grew to `head`; `replaced`: the tail was rebuilt. Still inside log.exclusive. */
  applied(head: number, replaced: boolean): Promise<void>;
}

/**
 * Applies desk entries to the confirmed log, in desk order; rebases the tail when they took its place.
 * An entry that is this device's own first pending command (same id, same positions) just confirms it;
 * an entry the checks refuse is quarantined at its position, alike on every device.
 */
export async function applyDeskPage(c: DeskPageContext, entries: UpstreamEntry[]): Promise<void> {
  const link = c.link;
  await c.log.exclusive(async () => {
    const hadTail = c.log.pending.length > 0;
    let rebase = c.needsRebase();
    let pending = [...c.held(), ...c.log.pending];
    const confirmedIds: string[] = [];
    const quarantinedMine: RejectedCommand[] = [];
    /** This device's pending command with this id, taken off the pending list and counted as settled, if any. */
    const takeOwn = (commandId: string): { command: PendingCommand; at: number } | undefined => {
      const at = pending.findIndex((p) => p.commandId === commandId);
      if (at < 0) return undefined;
      const command = pending[at];
      confirmedIds.push(commandId);
      pending = pending.filter((_, i) => i !== at);
      return { command, at };
    };
    const { head } = await c.log.quietly(async () => {
      // One write for the whole page (one IndexedDB transaction per command made a large pull crawl);
      // the tail changes only after its events are in the confirmed log, so a reader never misses one.
      let confirmed = await c.log.confirmedHead();
      let { upstreamSeq, confirmedSeq } = link;
      const toAppend: StoredEvent[] = [];
      let confirmedOwn = 0;
      const applyPage = async () => {
        for (const entry of entries) {
          const last = entry.events.at(-1)?.seq ?? 0;
          if (entry.seq <= upstreamSeq) continue;
          if (entry.invalid === undefined && last > 0 && last <= confirmed && (await appliedBefore(c.log, entry.events))) {
            // Applied before a crash: the link catches up on both counts (a stale confirmedSeq would make the
            // next round push these events again as history, which the desk refuses: it already holds them).
            upstreamSeq = Math.max(upstreamSeq, entry.seq);
            confirmedSeq = Math.max(confirmedSeq, last);
            if (takeOwn(entry.commandId)) rebase = true;
            continue;
          }
          const verdict = await verdictOn(c.checker, entry, confirmed, link);
          if ('reason' in verdict) {
            // Quarantined at its position, alike on every device: it applies nothing.
            link.quarantined = [...(link.quarantined ?? []), { upstreamSeq: entry.seq, afterSeq: confirmed, commandId: entry.commandId, reason: verdict.reason }];
            upstreamSeq = entry.seq;
            const own = takeOwn(entry.commandId);
            if (own) {
              const p = own.command;
              quarantinedMine.push({ commandId: p.commandId, command: p.command, actor: p.meta.actor, at: p.meta.at, rule: 'sync.quarantined', reason: verdict.reason, atSeq: confirmed });
              rebase = true;
            }
            continue;
          }
          toAppend.push(...entry.events);
          // The verdict validated and placed them against this view: it takes them without a second check.
          if (view) await view.appendChecked(verdict.events);
          const own = takeOwn(entry.commandId);
          if (own?.at === 0 && !rebase && samePositions(own.command.events, entry.events)) confirmedOwn++;
          else rebase = true;
          confirmed = last;
          upstreamSeq = entry.seq;
          confirmedSeq = last;
          if (entry.command !== null && entry.command !== undefined) link.historyClosed = true;
        }
      };
      // The checker judges each entry against the log as the entries before it in this page left it.
      // Inside log.exclusive the confirmed log does not grow: the view may read its current stream versions.
      let t = pullPhaseStart();
      const streamIds = entries.flatMap((e) => e.events.map((ev) => ev.streamId));
      const base = c.checker ? await withCommandsLookedUp(c.log.confirmed, entries.map((e) => e.commandId), streamIds) : c.log.confirmed;
      const view = c.checker && c.registry ? new BranchStore(base, confirmed, c.registry, { baseStill: true }) : undefined;
      pullPhaseDone('lookups', t);
      t = pullPhaseStart();
      if (c.checker && view) await c.checker.over(view, applyPage);
      else await applyPage();
      pullPhaseDone('entryChecks', t);
      t = pullPhaseStart();
      if (toAppend.length > 0) await c.log.confirmed.appendStored(toAppend);
      pullPhaseDone('logWrite', t);
      t = pullPhaseStart();
      link.upstreamSeq = upstreamSeq;
      link.confirmedSeq = confirmedSeq;
      if (rebase) c.log.setTail([]);
      else for (let i = 0; i < confirmedOwn; i++) c.log.shiftConfirmed();
      // A foreign entry sets `rebase`; with nothing pending here there is nothing to decide again.
      if (rebase && (hadTail || pending.length > 0 || quarantinedMine.length > 0 || c.needsRebase())) await c.rebase(pending, quarantinedMine);
      await c.state.saveLink(link, confirmedIds);
      pullPhaseDone('linkSave', t);
    });
    await c.applied(head, rebase && (hadTail || c.log.pending.length > 0));
  });
}

/** Without a checker (no registry): only the positions are checked, and a wrong one stops sync. */
async function verdictOn(checker: EntryChecker | undefined, entry: UpstreamEntry, confirmed: number, link: SyncLink): Promise<Verdict> {
  if (checker) return checker.verdict(entry, !link.historyClosed);
  if (entry.invalid !== undefined) return { reason: entry.invalid };
  if (entry.events[0].seq !== confirmed + 1) {
    throw new UpstreamDiverged(`Desk entry ${entry.seq} starts at event ${entry.events[0].seq}, but this device's log ends at ${confirmed}.`);
  }
  return { events: entry.events };
}

/** The confirmed log already holds these events (a crash between applying an entry and saving the link). */
async function appliedBefore(log: PendingLog, events: UpstreamEntry['events']): Promise<boolean> {
  const held = await log.confirmed.readRange(events[0].seq, events.at(-1)!.seq);
  return held.length === events.length && held.every((e, i) => e.meta.commandId === events[i].meta.commandId);
}

function samePositions(a: { seq: number; streamId: string; version: number }[], b: typeof a): boolean {
  return a.length === b.length && a.every((e, i) => e.seq === b[i].seq && e.streamId === b[i].streamId && e.version === b[i].version);
}
