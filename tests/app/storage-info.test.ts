import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { persistenceStatus, requestPersistence, storageEstimate, storageInfo } from '../../src/app/storage-info';

const original = Object.getOwnPropertyDescriptor(navigator, 'storage');

function stubStorage(storage: Partial<StorageManager> | undefined) {
  Object.defineProperty(navigator, 'storage', { configurable: true, value: storage });
}

afterEach(() => {
  if (original) Object.defineProperty(navigator, 'storage', original);
  else delete (navigator as unknown as Record<string, unknown>).storage;
  vi.restoreAllMocks();
});

describe('storage info', () => {
  it('reports "unsupported" / null where the Storage API is missing', async () => {
    stubStorage(undefined);
    expect(await requestPersistence()).toBe('unsupported');
    expect(await persistenceStatus()).toBe('unsupported');
    expect(await storageEstimate()).toBeNull();
  });

  it('asks the browser to persist and reads usage and quota', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persist, persisted: async () => false, estimate: async () => ({ usage: 1234, quota: 10_000 }) });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    expect(await persistenceStatus()).toBe(false);
    expect(await storageEstimate()).toEqual({ usage: 1234, quota: 10_000 });

    stubStorage({ persist: async () => false });
    expect(await requestPersistence()).toBe(false);
    stubStorage({ persist: () => Promise.reject(new Error('denied')) });
    expect(await requestPersistence()).toBe(false);
  });

  it('combines the desk’s log and snapshot bytes with the browser’s figures', async () => {
    stubStorage({ persisted: async () => true, estimate: async () => ({ usage: 50, quota: 100 }) });
    const desk = new EventDesk({ dbName: 'storage-' + Math.random(), runExecutor: false, snapshotInterval: 10_000 });
    await desk.start();
    try {
      const empty = await storageInfo(desk);
      expect(empty).toEqual({ logBytes: 0, snapshotBytes: 0, snapshots: 0, snapshotShare: 0, estimate: { usage: 50, quota: 100 }, persisted: true });
      await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 10 });
      const after = await storageInfo(desk);
      expect(after.logBytes).toBeGreaterThan(0);
      expect(after.snapshotShare).toBe(after.snapshotBytes / after.logBytes);
    } finally {
      desk.close();
    }
  });
});
