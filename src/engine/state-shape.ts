/**
 * Whether `value` has the shape of `reference` (a projection's init()): every
 * key of the reference present with the same kind (array, object, number,
 * string, boolean), down to `depth` levels. A reference value that is null or
 * undefined accepts anything (fields that start empty). Cheap, and enough to
 * refuse a stored state of the wrong shape before any view reads it.
 */
export function hasShapeOf(reference: unknown, value: unknown, depth = 3): boolean {
  if (reference === null || reference === undefined) return true;
  const kind = kindOf(reference);
  if (kind !== kindOf(value)) return false;
  if (kind === 'number') return Number.isFinite(value as number) || !Number.isFinite(reference as number);
  if (kind !== 'object' || depth === 0) return true;
  const ref = reference as Record<string, unknown>;
  const val = value as Record<string, unknown>;
  for (const key of Object.keys(ref)) {
    if (!(key in val) && ref[key] !== undefined) return false;
    if (!hasShapeOf(ref[key], val[key], depth - 1)) return false;
  }
  return true;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
