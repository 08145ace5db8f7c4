import { JetStreamApiError } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Kvm, type KV } from '@nats-io/kv';
import type { LeaseStore } from '../sync/desk-lease';
import { deskBucket } from './nats-desk-names';

/** The same code answers a key-value create or update whose revision is stale. */
const WRONG_LAST_SEQUENCE_FOR_SUBJECT = 10071;

/**
 * A key in the desk's key-value bucket (KV_eventdesk-<desk>, created on first use), as the executor lease
 * reads and sets it (desk-lease.ts). `call` is NatsUpstream's: failures mean what they mean for sync.
 */
export function natsLeaseStore(
  desk: string,
  name: string,
  connection: () => Promise<NatsConnection>,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
): LeaseStore {
  let bucket: Promise<KV> | undefined;
  const kv = () =>
    (bucket ??= connection()
      .then((nc) => new Kvm(nc).create(deskBucket(desk), { history: 1 }))
      .catch((e) => {
        bucket = undefined;
        throw e;
      }));
  const casFailed = (e: unknown) => e instanceof JetStreamApiError && e.code === WRONG_LAST_SEQUENCE_FOR_SUBJECT;
  return {
    get: () =>
      call(async () => {
        const entry = await (await kv()).get(name);
        return entry && entry.operation === 'PUT' ? { value: entry.string(), revision: entry.revision } : null;
      }),
    create: (value) =>
      call(async () => {
        try {
          return await (await kv()).create(name, value);
        } catch (e) {
          if (casFailed(e)) return null;
          throw e;
        }
      }),
    update: (value, revision) =>
      call(async () => {
        try {
          return await (await kv()).update(name, value, revision);
        } catch (e) {
          if (casFailed(e)) return null;
          throw e;
        }
      }),
  };
}
