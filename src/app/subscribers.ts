import type { StoredEvent } from '../engine/event-envelope';
import type { Subscriber } from '../engine/subscription-runner';
import { isEvent } from '../domain/events';
import { notificationFor, type Notification } from '../domain/notifications';

/**
 * The seeds' "event publishing": independent reactions to the log, each with
 * its own checkpoint. A failure in one never stops the others.
 */

export const NOTIFICATIONS = 'notifications';
export const AUDIT = 'audit';

/** Notifications a person would get ("Order #12 completed"). Remembers quantities to say "310 of 1,000". */
export function notificationsSubscriber(): Subscriber {
  const quantities = new Map<string, number>();
  return {
    name: NOTIFICATIONS,
    handle(e: StoredEvent): Notification | undefined {
      if (isEvent(e, 'OrderPlaced')) quantities.set(e.data.orderId, e.data.quantity);
      const orderId = (e.data as { orderId?: string }).orderId;
      return notificationFor(e, orderId ? { quantity: quantities.get(orderId) } : undefined) ?? undefined;
    },
  };
}

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  type: string;
  streamId: string;
  commandId: string;
}

/**
 * An audit trail of who did what: one entry per command (the first event
 * each command wrote). Individual executor batches are left out — they are
 * machine work already in the log, and would make the trail as long as it.
 */
export function auditSubscriber(): Subscriber {
  let lastCommand = '';
  return {
    name: AUDIT,
    handle(e: StoredEvent): AuditEntry | undefined {
      if (e.meta.commandId === lastCommand || e.type.startsWith('ExecutionBatch')) return undefined;
      lastCommand = e.meta.commandId;
      return { seq: e.seq, at: e.meta.at, actor: e.meta.actor, type: e.type, streamId: e.streamId, commandId: e.meta.commandId };
    },
  };
}
