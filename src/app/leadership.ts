/**
 * Exactly one tab leads (runs the executor and the subscribers), chosen with
 * the Web Locks API: the lock is held for the tab's lifetime and released by
 * the browser when the tab closes, when the next waiting tab takes over.
 * Where Web Locks are missing (tests under Node), this tab simply leads.
 */
export function requestLeadership(name: string, onLead: () => void): () => void {
  let release: (() => void) | undefined;
  let cancelled = false;
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) {
    onLead();
    return () => {};
  }
  const abort = new AbortController();
  locks
    .request(name, { signal: abort.signal }, () => {
      if (cancelled) return;
      onLead();
      return new Promise<void>((resolve) => (release = resolve));
    })
    .catch(() => {
      /* aborted: this tab closed before it led */
    });
  return () => {
    cancelled = true;
    abort.abort();
    release?.();
  };
}
