import type { EventDesk } from './event-desk';

/**
 * How much the browser stores for EventDesk and whether it may evict it.
 * Every call degrades to 'unsupported' / null where the Storage API is missing
 * (older browsers, some private modes, jsdom).
 */

export type PersistenceStatus = boolean | 'unsupported';

function storageManager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : undefined;
}

/** Asks the browser to keep our data under storage pressure. True when granted. */
export async function requestPersistence(): Promise<PersistenceStatus> {
  const storage = storageManager();
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

/** Whether the data is already persistent (without asking). */
export async function persistenceStatus(): Promise<PersistenceStatus> {
  const storage = storageManager();
  if (!storage || typeof storage.persisted !== 'function') return 'unsupported';
  try {
    return await storage.persisted();
  } catch {
    return 'unsupported';
  }
}

export interface StorageEstimate {
  /** Bytes this origin uses (all of its storage, not only the log). */
  usage: number;
  /** Bytes this origin may use. */
  quota: number;
}

/** The browser's usage/quota for this origin; null when unknown. */
export async function storageEstimate(): Promise<StorageEstimate | null> {
  const storage = storageManager();
  if (!storage || typeof storage.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (usage === undefined || quota === undefined) return null;
    return { usage, quota };
  } catch {
    return null;
  }
}

export interface StorageInfo {
  logBytes: number;
  snapshotBytes: number;
  snapshots: number;
  /** snapshotBytes as a share of logBytes, 0…∞ (0 when the log is empty). */
  snapshotShare: number;
  estimate: StorageEstimate | null;
  persisted: PersistenceStatus;
}

/** Everything the Data panel shows about storage, in one call. */
export async function storageInfo(desk: EventDesk): Promise<StorageInfo> {
  const [use, estimate, persisted] = await Promise.all([desk.storageUse(), storageEstimate(), persistenceStatus()]);
  return {
    ...use,
    snapshotShare: use.logBytes > 0 ? use.snapshotBytes / use.logBytes : 0,
    estimate,
    persisted,
  };
}
