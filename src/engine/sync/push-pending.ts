import type { EntryChecker } from './entry-validation';
import type { PendingLog } from './pending-log';
import type { PendingCommand, SyncLink, SyncStateStore } from './sync-state-store';
import { UpstreamMoved, type Upstream, type UpstreamEntry } from './upstream';

/** What pushing needs from LogSync: its log and link, and the pull and apply it does when the desk moved. */
export interface PushContext {
  log: PendingLog;
  state: SyncStateStore;
  checker: EntryChecker | undefined;
  /** The link this round pushes against. */
  link: SyncLink;
  /** The link as it is when a command is confirmed (LogSync's, read then). */
  currentLink(): SyncLink;
  pull(): Promise<void>;
  apply(entries: UpstreamEntry[]): Promise<void>;
  /** The link's confirmedSeq grew (inside log.exclusive). */
  confirmed(link: SyncLink): void;
  emitStatus(): void;
}

/**
 * Pushes the pending commands, first to last, each with the desk head it was decided against; the desk refuses
 * one if another device got there first (UpstreamMoved) — then pull (which rebases) and push on. The command id
 * makes a retry after a lost ack a duplicate, never a second copy.
 */
export async function pushPending(c: PushContext, upstream: Upstream): Promise<void> {
  const link = c.link;
  for (;;) {
    const first = c.log.pending[0];
    if (!first) break;
    let ack;
    try {
      ack = await upstream.append({ commandId: first.commandId, command: first.command, events: first.events }, link.upstreamSeq);
    } catch (e) {
      if (!(e instanceof UpstreamMoved)) throw e;
      await c.pull();
      continue;
    }
    if (ack.seq !== link.upstreamSeq + 1) {
      // Stored earlier (a lost ack) and other entries came after it: pulling confirms it in order.
      await c.pull();
      continue;
    }
    const entry = { seq: ack.seq, commandId: first.commandId, command: first.command, events: first.events };
    // Our own entry gets the verdict every other device will reach about it.
    if (c.checker && 'reason' in (await c.checker.verdict(entry, !link.historyClosed))) await c.apply([entry]);
    else await confirmFirst(c, first, ack.seq);
  }
}

async function confirmFirst(c: PushContext, first: PendingCommand, seq: number): Promise<void> {
  const link = c.currentLink();
  await c.log.exclusive(async () => {
    if (c.log.pending[0]?.commandId !== first.commandId) return;
    const { head } = await c.log.quietly(async () => {
      await c.log.confirmed.appendStored(first.events);
      c.log.shiftConfirmed();
      link.upstreamSeq = seq;
      link.confirmedSeq = first.events.at(-1)!.seq;
      if (first.command !== null && first.command !== undefined) link.historyClosed = true;
      await c.state.saveLink(link, [first.commandId]);
    });
    c.confirmed(link);
    c.log.announce(head, false);
  });
  c.emitStatus();
}
