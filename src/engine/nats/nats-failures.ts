import { AuthorizationError, ClosedConnectionError, NoRespondersError, PermissionViolationError, TimeoutError } from '@nats-io/nats-core';
import { JetStreamApiError, JetStreamError } from '@nats-io/jetstream';

/**
 * What a NATS failure means for sync:
 * - 'refused': the server said no to these credentials (auth or permissions) — stop, tell the user.
 * - 'electing': a server answered but the desk cannot take requests right now (JetStream 2.9 says
 *   "jetstream is not enabled" while a cluster elects a stream leader, 4–7 s; requests and consumer
 *   creation time out for a few seconds after a failover) — retry soon, it is a failover.
 * - 'unreachable': no server is there — offline until one is.
 */
export type NatsFailure = 'refused' | 'electing' | 'unreachable';

export function classifyNatsFailure(e: unknown): NatsFailure {
  if (e instanceof AuthorizationError || e instanceof PermissionViolationError) return 'refused';
  if (e instanceof JetStreamApiError) {
    if (e.status === 403 || e.status === 401) return 'refused';
    // 5xx: no leader / not current; 10039 ("not enabled for account") is what a lost leader looks like too.
    return e.status >= 500 || e.code === 10039 ? 'electing' : 'unreachable';
  }
  if ((e instanceof Error && e.name === 'JetStreamNotEnabled') || e instanceof NoRespondersError || e instanceof TimeoutError || e instanceof JetStreamError) return 'electing';
  if (e instanceof ClosedConnectionError) return 'unreachable';
  const message = e instanceof Error ? e.message : String(e);
  if (/permissions? violation|authorization/i.test(message)) return 'refused';
  if (/timeout|timed out|no responders|not enabled|no leader|heartbeat/i.test(message)) return 'electing';
  return 'unreachable';
}
