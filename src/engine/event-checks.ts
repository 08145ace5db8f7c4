import { z } from './zod-jitless';
import { EventDeskError, InvalidEventPayload } from './errors';
import type { StoredEvent } from './event-envelope';
import type { EventRegistry } from './event-registry';

/**
 * The rules every event from outside passes before it may enter a log: an
 * import file's lines (app/ndjson-import.ts) and the commands other devices
 * pushed to a sync desk (sync/entry-validation.ts). One set of rules, so a
 * desk entry is refused for exactly what an import line would be.
 */

export const MAX_STREAM_ID_LENGTH = 200;
/** Keys that could reach an object's prototype chain if the data were ever merged or assigned. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const plainObject = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  { message: 'must be an object' },
);

export const envelopeSchema = z.strictObject({
  seq: z.number().int().min(1),
  streamId: z.string().min(1).max(MAX_STREAM_ID_LENGTH),
  version: z.number().int().min(1),
  type: z.string(),
  schemaVersion: z.number().int().min(1),
  data: plainObject,
  meta: z.strictObject({
    at: z.number().refine(Number.isFinite, 'must be a finite number'),
    actor: z.string(),
    commandId: z.string(),
    correlationId: z.string(),
    causationId: z.string(),
  }),
});

/** UTF-8 length of `text`, stopping early once it passes `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/** Path of the first forbidden key at any depth, or null. Own keys only (JSON.parse makes "__proto__" an own key). */
export function findForbiddenKey(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(v)) {
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return at;
      stack.push({ v: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}

function zodReason(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `missing field "${path}"`;
      if (issue.code === 'unrecognized_keys') return `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${path ? path + '.' : ''}${k}"`).join(', ')}`;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A readable reason from whatever the registry threw (zod errors arrive as JSON text). */
function payloadReason(e: unknown): string {
  if (e instanceof InvalidEventPayload) {
    try {
      const issues = JSON.parse(e.reason) as unknown;
      if (Array.isArray(issues) && issues.length && typeof issues[0]?.message === 'string') {
        return `invalid ${e.type} data: ${zodReason(issues as z.core.$ZodIssue[])}`;
      }
    } catch {
      // not JSON: the reason is already text
    }
    return `invalid ${e.type} data: ${e.reason}`;
  }
  if (e instanceof EventDeskError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** The envelope of one event from outside (hostile keys first, then the strict shape), or why not. */
export function parseEnvelope(raw: unknown): { envelope: StoredEvent } | { reason: string } {
  const hostile = findForbiddenKey(raw);
  if (hostile !== null) return { reason: `forbidden key "${hostile}" (__proto__, constructor and prototype are refused)` };
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) return { reason: `invalid event: ${zodReason(parsed.error.issues)}` };
  const env = parsed.data;
  return {
    envelope: {
      seq: env.seq,
      streamId: env.streamId,
      version: env.version,
      type: env.type,
      schemaVersion: env.schemaVersion,
      data: env.data,
      meta: {
        at: env.meta.at,
        actor: env.meta.actor,
        commandId: env.meta.commandId,
        correlationId: env.meta.correlationId,
        causationId: env.meta.causationId,
      },
    },
  };
}

/** The event validated against its type's strict schema and upcast to the current version, or why not. */
export function validatePayload(registry: EventRegistry, envelope: StoredEvent): { event: StoredEvent } | { reason: string } {
  try {
    return { event: registry.validateStored(envelope) };
  } catch (e) {
    return { reason: payloadReason(e) };
  }
}
