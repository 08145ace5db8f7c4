import { z } from '../engine/zod-jitless';
import { EventRegistry } from '../engine/event-registry';
import type { EventTypeDefinition } from '../engine/event-registry';
import type { NewEvent, StoredEvent } from '../engine/event-envelope';

/**
 * Every domain event: its payload type, a strict zod schema and its schema
 * version. Unknown keys are rejected so a typo never silently reaches the log.
 */

const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();
const id = z.string().min(1);

export const MAX_QUANTITY = 100_000;

export const schemas = {
  PointsCharged: z.strictObject({ amount: posInt, description: z.string() }),
  PointsDeducted: z.strictObject({ amount: posInt, orderId: id }),
  PointsRefunded: z.strictObject({ amount: posInt, orderId: id, reason: z.enum(['cancelled', 'failed']) }),
  /** Compensates a PointsCharged of the same wallet stream (its version there); the charge itself stays in the log. */
  PointsChargeReversed: z.strictObject({ amount: posInt, chargeVersion: posInt, description: z.string() }),
  PostCreated: z.strictObject({ postId: id, title: z.string(), author: z.string() }),
  PostLiked: z.strictObject({ postId: id, userId: id }),
  PostUnliked: z.strictObject({ postId: id, userId: id }),
  OrderPlaced: z.strictObject({
    orderId: id,
    postId: id,
    quantity: z.number().int().min(1).max(MAX_QUANTITY),
    unitPrice: posInt,
    total: posInt,
    walletId: id,
    batchSize: posInt,
  }),
  OrderStarted: z.strictObject({ orderId: id }),
  ExecutionBatchSucceeded: z.strictObject({ orderId: id, batchNo: posInt, likes: posInt }),
  ExecutionBatchFailed: z.strictObject({ orderId: id, batchNo: posInt, reason: z.string(), consecutiveFailures: posInt }),
  OrderCompleted: z.strictObject({ orderId: id, delivered: nonNegInt }),
  OrderCancelled: z.strictObject({ orderId: id, delivered: nonNegInt, refund: nonNegInt }),
  OrderFailed: z.strictObject({ orderId: id, atBatch: posInt, delivered: nonNegInt, refund: nonNegInt, reason: z.string() }),
} as const;

export type EventType = keyof typeof schemas;
export const EVENT_TYPES = Object.keys(schemas) as EventType[];

export type PointsCharged = z.infer<typeof schemas.PointsCharged>;
export type PointsDeducted = z.infer<typeof schemas.PointsDeducted>;
export type PointsRefunded = z.infer<typeof schemas.PointsRefunded>;
export type PointsChargeReversed = z.infer<typeof schemas.PointsChargeReversed>;
export type PostCreated = z.infer<typeof schemas.PostCreated>;
export type PostLiked = z.infer<typeof schemas.PostLiked>;
export type PostUnliked = z.infer<typeof schemas.PostUnliked>;
export type OrderPlaced = z.infer<typeof schemas.OrderPlaced>;
export type OrderStarted = z.infer<typeof schemas.OrderStarted>;
export type ExecutionBatchSucceeded = z.infer<typeof schemas.ExecutionBatchSucceeded>;
export type ExecutionBatchFailed = z.infer<typeof schemas.ExecutionBatchFailed>;
export type OrderCompleted = z.infer<typeof schemas.OrderCompleted>;
export type OrderCancelled = z.infer<typeof schemas.OrderCancelled>;
export type OrderFailed = z.infer<typeof schemas.OrderFailed>;

/** Payload type by event type. */
export interface EventDataMap {
  PointsCharged: PointsCharged;
  PointsDeducted: PointsDeducted;
  PointsRefunded: PointsRefunded;
  PointsChargeReversed: PointsChargeReversed;
  PostCreated: PostCreated;
  PostLiked: PostLiked;
  PostUnliked: PostUnliked;
  OrderPlaced: OrderPlaced;
  OrderStarted: OrderStarted;
  ExecutionBatchSucceeded: ExecutionBatchSucceeded;
  ExecutionBatchFailed: ExecutionBatchFailed;
  OrderCompleted: OrderCompleted;
  OrderCancelled: OrderCancelled;
  OrderFailed: OrderFailed;
}

/** A new (unpositioned) domain event, discriminated by `type`. */
export type DomainEvent = { [K in EventType]: NewEvent<K, EventDataMap[K]> }[EventType];
/** A stored domain event, discriminated by `type`. */
export type DomainStoredEvent = { [K in EventType]: StoredEvent<K, EventDataMap[K]> }[EventType];

export type WalletEvent = Extract<DomainEvent, { type: 'PointsCharged' | 'PointsDeducted' | 'PointsRefunded' | 'PointsChargeReversed' }>;
export type PostEvent = Extract<DomainEvent, { type: 'PostCreated' | 'PostLiked' | 'PostUnliked' }>;
export type OrderEvent = Extract<
  DomainEvent,
  {
    type:
      | 'OrderPlaced'
      | 'OrderStarted'
      | 'ExecutionBatchSucceeded'
      | 'ExecutionBatchFailed'
      | 'OrderCompleted'
      | 'OrderCancelled'
      | 'OrderFailed';
  }
>;

/** Builds a typed new event. */
export function event<K extends EventType>(type: K, data: EventDataMap[K]): NewEvent<K, EventDataMap[K]> {
  return { type, data };
}

/** Narrows a stored event (for switch-free use). */
export function isEvent<K extends EventType>(e: StoredEvent, type: K): e is StoredEvent<K, EventDataMap[K]> {
  return e.type === type;
}

/** Current schema versions. PointsCharged v1 was `{ points }`. */
export const SCHEMA_VERSIONS: Record<EventType, number> = {
  PointsCharged: 2,
  PointsDeducted: 1,
  PointsRefunded: 1,
  PointsChargeReversed: 1,
  PostCreated: 1,
  PostLiked: 1,
  PostUnliked: 1,
  OrderPlaced: 1,
  OrderStarted: 1,
  ExecutionBatchSucceeded: 1,
  ExecutionBatchFailed: 1,
  OrderCompleted: 1,
  OrderCancelled: 1,
  OrderFailed: 1,
};

/** PointsCharged v1 `{ points }` → v2 `{ amount, description }`. */
export function upcastPointsChargedV1(data: unknown): { amount: unknown; description: string } {
  // A stored payload is unchecked here: the current schema's parse validates what this returns.
  const v1 = (typeof data === 'object' && data !== null ? data : {}) as { points?: unknown };
  return { amount: v1.points, description: 'Charge' };
}

const UPCASTERS: Partial<Record<EventType, Record<number, (data: unknown) => unknown>>> = {
  PointsCharged: { 1: upcastPointsChargedV1 },
};

export function eventDefinitions(): EventTypeDefinition[] {
  return EVENT_TYPES.map((type) => {
    const schema = schemas[type];
    const def: EventTypeDefinition = {
      type,
      schemaVersion: SCHEMA_VERSIONS[type],
      parse: (data: unknown) => schema.parse(data),
    };
    const up = UPCASTERS[type];
    if (up) def.upcasters = up;
    return def;
  });
}

/** A registry with every domain event type. */
export function createEventRegistry(): EventRegistry {
  return new EventRegistry().register(...eventDefinitions());
}
