// Issue 13: bookmarks "synced where sync exists" — through the desk's server, never through its log.
// Two devices (two EventDesks, each its own IndexedDB) on one in-memory desk; the same port's NATS
// adapter passes tests/sync/bookmark-upstream.contract.ts against the real server.
import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import type { Bookmark } from '../../src/engine/bookmark-store';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { ME } from '../../src/domain/streams';
import { memoryStorage } from '../helpers/memory-storage';

const open: EventDesk[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function device(server: MemoryDesk, name: string) {
  const uplinks: MemoryUpstream[] = [];
  const desk = new EventDesk({
    dbName: `bm-${name}-${Math.random()}`,
    runExecutor: false,
    storage: memoryStorage(),
    upstreamFor: () => {
      const u = new MemoryUpstream(server);
      uplinks.push(u);
      return u;
    },
  });
  open.push(desk);
  await desk.start();
  return {
    desk,
    connect: () => desk.syncControl.connect({ url: 'ws://127.0.0.1:9', desk: 'demo', user: 'u', password: 'p' }),
    setOnline: (up: boolean) => uplinks.forEach((u) => u.setOnline(up)),
    labels: async () => (await desk.bookmarks.list()).map((b) => `${b.seq}:${b.label}`),
  };
}

const charge = (amount: number) => ({ type: 'ChargePoints' as const, walletId: ME, amount });
const mark = (id: string, seq: number, label: string): Bookmark => ({ id, seq, label, createdAt: 1_700_000_000_000 + seq });

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('bookmarks shared through the desk, not its log', () => {
  it('two devices on one desk see each other\'s bookmarks, renames and removals; the desk\'s log holds no bookmark', async () => {
    const server = new MemoryDesk();
    const a = await device(server, 'a');
    const b = await device(server, 'b');
    await a.connect();
    await a.desk.dispatch(charge(100));
    await a.desk.sync.syncNow();
    await b.connect();

    await a.desk.bookmarks.put(mark('m1', 1, 'first charge'));
    await until(async () => (await b.labels()).includes('1:first charge'), 'B to see A\'s bookmark');
    await b.desk.bookmarks.put(mark('m1', 1, 'the first charge'));
    await until(async () => (await a.labels()).includes('1:the first charge'), 'A to see B\'s rename');
    await a.desk.bookmarks.remove('m1');
    await until(async () => (await b.labels()).length === 0, 'B to see the removal');
    expect(server.entries.join('\n')).not.toContain('first charge');
    expect(await a.desk.log.headSeq()).toBe(1);
  });

  it('bookmarks made offline go up on reconnect; the bookmarks this browser had before it was linked go up on the first connect', async () => {
    const server = new MemoryDesk();
    const a = await device(server, 'a');
    await a.desk.dispatch(charge(100));
    await a.desk.bookmarks.put(mark('before', 1, 'made before sync'));
    await a.connect();
    const b = await device(server, 'b');
    await b.connect();
    await until(async () => (await b.labels()).includes('1:made before sync'), 'B to get the bookmark A had before linking');

    a.setOnline(false);
    await a.desk.bookmarks.put(mark('offline', 0, 'made offline'));
    await a.desk.bookmarks.remove('before');
    await new Promise((r) => setTimeout(r, 30));
    expect(await b.labels()).toEqual(['1:made before sync']);
    a.setOnline(true);
    await a.desk.sync.syncNow();
    await until(async () => JSON.stringify(await b.labels()) === JSON.stringify(['0:made offline']), 'B to get the offline changes');
  });

  it('a bookmark on events not yet confirmed waits until the desk confirmed them, so seq N is the same moment on every device', async () => {
    const server = new MemoryDesk();
    const a = await device(server, 'a');
    const b = await device(server, 'b');
    await a.connect();
    await b.connect();
    a.setOnline(false);
    await a.desk.dispatch(charge(100));
    await a.desk.bookmarks.put(mark('pending', 1, 'on a pending charge'));
    // B writes first: A's charge will be event 2 after the rebase, not 1.
    await b.desk.dispatch(charge(5));
    await b.desk.sync.syncNow();
    await new Promise((r) => setTimeout(r, 30));
    expect(await b.labels()).toEqual([]);
    a.setOnline(true);
    await a.desk.sync.syncNow();
    await until(async () => (await b.labels()).length === 1, 'B to get the bookmark once A\'s charge is confirmed');
    // Identical logs after sync: the bookmark's seq 1 is the same event (B's charge, first on the desk) on both.
    await until(async () => (await b.desk.log.headSeq()) === 2, 'B to pull A\'s charge');
    expect(JSON.stringify(await a.desk.log.readRange(1, 2))).toBe(JSON.stringify(await b.desk.log.readRange(1, 2)));
    expect(await a.labels()).toEqual(await b.labels());
  });
});
