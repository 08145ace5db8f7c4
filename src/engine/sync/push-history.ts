import { historyCommands } from './history-commands';
import type { PendingLog } from './pending-log';
import type { SyncLink, SyncStateStore } from './sync-state-store';
import { UpstreamDiverged, type Upstream } from './upstream';

/** Confirmed events the desk does not have yet (this device's history, on a first connect to an empty desk). */
export async function pushHistory(
  log: PendingLog,
  state: SyncStateStore,
  upstream: Upstream,
  link: SyncLink,
  progressed: (progress: { direction: 'push'; done: number; total: number }) => void,
): Promise<void> {
  const head = await log.confirmedHead();
  if (link.confirmedSeq >= head) return;
  const total = head - link.confirmedSeq;
  const start = link.confirmedSeq;
  for await (const command of historyCommands(log.confirmed, link.confirmedSeq + 1, head)) {
    const ack = await upstream.append(command, link.upstreamSeq);
    if (ack.seq !== link.upstreamSeq + 1) throw new UpstreamDiverged(`The desk already holds command ${command.commandId} at ${ack.seq}.`);
    link.upstreamSeq = ack.seq;
    link.confirmedSeq = command.events.at(-1)!.seq;
    await state.saveLink(link);
    progressed({ direction: 'push', done: link.confirmedSeq - start, total });
  }
}
