/**
 * Several tabs of one browser share one log and one pending tail (in IndexedDB).
 * Changes to the tail are serialized across tabs by one Web Lock per log, and a
 * BroadcastChannel tells the other tabs to read the tail again. Where either API
 * is missing (Node tests) there is one tab: the lock is a no-op, nobody hears.
 */
export interface TabCoordination {
  /** Runs `fn` while no other tab of this browser changes the tail. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Tells the other tabs that the tail (or the confirmed log under it) changed. */
  announce(): void;
  onAnnounce(listener: () => void): () => void;
  close(): void;
}

export const singleTab: TabCoordination = {
  withLock: (fn) => fn(),
  announce: () => {},
  onAnnounce: () => () => {},
  close: () => {},
};

export function browserTabs(name: string): TabCoordination {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`eventdesk-tail:${name}`) : undefined;
  const listeners = new Set<() => void>();
  if (channel) channel.onmessage = () => listeners.forEach((l) => l());
  return {
    withLock: (fn) => (locks ? (locks.request(`eventdesk-tail:${name}`, fn) as Promise<Awaited<ReturnType<typeof fn>>>) : fn()),
    announce: () => channel?.postMessage('tail'),
    onAnnounce: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => channel?.close(),
  };
}

/**
 * A message channel between the tabs of one browser for one log (a BroadcastChannel); where
 * BroadcastChannel is missing there are no other tabs and nothing is heard.
 */
export interface TabChannel<M> {
  post(message: M): void;
  onMessage(listener: (message: M) => void): () => void;
  close(): void;
}

export function browserTabChannel<M>(name: string): TabChannel<M> {
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(name) : undefined;
  const listeners = new Set<(m: M) => void>();
  if (channel) channel.onmessage = (e: MessageEvent<M>) => listeners.forEach((l) => l(e.data));
  return {
    post: (m) => channel?.postMessage(m),
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => channel?.close(),
  };
}
