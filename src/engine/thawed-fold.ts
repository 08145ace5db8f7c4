import type { StoredEvent } from './event-envelope';
import type { Projection } from './projection';

/**
 * A batch folded without Immer, for parts that declare `thaw`: `apply` mutates a
 * copy in which only the objects it writes are fresh, so the fold costs what
 * the in-place fold costs plus one shallow copy, and every entity it did not
 * touch stays the same object (the views memoize on identity). Fresh containers
 * that the batch left as they were are swapped back for the originals, and a
 * part the batch did not change at all comes back as the very same object.
 */
export function thawedFold<S>(projection: Projection<S> & { thaw(state: S): S }, before: S, events: readonly StoredEvent[]): S {
  const after = projection.thaw(before);
  if (projection.applyAll) projection.applyAll(after, events);
  else for (let i = 0; i < events.length; i++) projection.apply(after, events[i]);
  return keepUnchanged(before, after);
}

/**
 * `after` is a fresh root made by `thaw`: each of its fields that equals the
 * field of `before` (compared two levels deep, never mutating either) is set
 * back to the original; when all are, `before` itself is returned.
 */
export function keepUnchanged<S>(before: S, after: S): S {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = Object.keys(a);
  let same = keys.length === Object.keys(b).length;
  for (const k of keys) {
    if (a[k] === b[k]) continue;
    if (equalTwoLevels(b[k], a[k])) a[k] = b[k];
    else same = false;
  }
  return same ? before : after;
}

function equalTwoLevels(x: unknown, y: unknown): boolean {
  if (!sameContainerKind(x, y)) return false;
  return equalChildren(x, y, (p, q) => p === q || (sameContainerKind(p, q) && equalChildren(p, q, (r, s) => r === s)));
}

function sameContainerKind(x: unknown, y: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && Array.isArray(x) === Array.isArray(y);
}

function equalChildren(x: Record<string, unknown>, y: unknown, eq: (p: unknown, q: unknown) => boolean): boolean {
  const other = y as Record<string, unknown>;
  if (Array.isArray(x)) {
    const ys = other as unknown as unknown[];
    if (x.length !== ys.length) return false;
    for (let i = 0; i < x.length; i++) if (!eq(x[i], ys[i])) return false;
    return true;
  }
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(other).length) return false;
  for (const k of keys) if (!Object.hasOwn(other, k) || !eq(x[k], other[k])) return false;
  return true;
}
