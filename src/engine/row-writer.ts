/**
 * Copy-on-first-write of entities for a projection's `thaw`: a thawed state is
 * marked, and a row written in its batch is copied once (later writes in the
 * batch go to the copy), so rows the batch did not write stay the same objects.
 * An unmarked state (the in-place fold of a private copy) is written directly.
 */
export function rowWriter<S extends object, R extends object>(copyRow: (row: R) => R) {
  const fresh = new WeakMap<S, Set<R>>();
  return {
    /** Marks a state made by `thaw`. */
    mark(state: S): S {
      fresh.set(state, new Set());
      return state;
    },
    /** The row to write: itself when folding in place; its copy, stored with `put`, when the state was thawed. */
    writable(draft: S, row: R, put: (copy: R) => void): R {
      const copies = fresh.get(draft);
      if (!copies || copies.has(row)) return row;
      const copy = copyRow(row);
      put(copy);
      copies.add(copy);
      return copy;
    },
  };
}
