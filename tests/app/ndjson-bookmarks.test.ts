import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { exportNdjson } from '../../src/app/ndjson-export';
import { parseNdjson } from '../../src/app/ndjson-import';
import { importEvents, importStaged } from '../../src/app/import-into-desk';
import { stageNdjsonFile } from '../../src/app/ndjson-stream-import';
import type { Bookmark } from '../../src/engine/bookmark-store';
import { createEventRegistry } from '../../src/domain/events';

const desks: EventDesk[] = [];
async function openDesk(): Promise<EventDesk> {
  const desk = new EventDesk({ dbName: 'bookmarks-io-' + Math.random(), runExecutor: false });
  desks.push(desk);
  await desk.start();
  return desk;
}
afterEach(async () => {
  // Subscribers finish their checkpoint writes before the database closes.
  for (const d of desks.splice(0)) {
    await Promise.race([d.subscriptions.kick().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    d.close();
  }
});

function charges(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      seq: i + 1,
      streamId: 'wallet:me',
      version: i + 1,
      type: 'PointsCharged',
      schemaVersion: 2,
      data: { amount: 10, description: `charge ${i + 1}` },
      meta: { at: 1_700_000_000_000 + i, actor: 'me', commandId: `c${i + 1}`, correlationId: `c${i + 1}`, causationId: `c${i + 1}` },
    }),
  );
}

const mark = (id: string, seq: number, label: string): Bookmark => ({ id, seq, label, createdAt: 1_700_000_000_000 + seq });
const record = (fields: Record<string, unknown>) => JSON.stringify({ kind: 'bookmark', v: 1, id: 'b1', seq: 1, label: 'x', createdAt: 1, ...fields });
const registry = createEventRegistry();

describe('bookmarks in export and import', { timeout: 30_000 }, () => {
  it('an export carries the bookmarks inside it as versioned "bookmark" records after the events', async () => {
    const desk = await openDesk();
    await desk.loadDemo({ orders: 2 });
    const head = await desk.store.headSeq();
    await desk.bookmarks.put(mark('before', 3, 'before the spring campaign'));
    await desk.bookmarks.put(mark('start', 0, 'the very start'));
    const lines = (await (await exportNdjson(desk.store, undefined, { bookmarks: await desk.bookmarks.list() })).text()).trimEnd().split('\n');
    expect(lines).toHaveLength(head + 2);
    expect(lines.slice(head).map((l) => JSON.parse(l))).toEqual([
      { kind: 'bookmark', v: 1, id: 'start', seq: 0, label: 'the very start', createdAt: 1_700_000_000_000 },
      { kind: 'bookmark', v: 1, id: 'before', seq: 3, label: 'before the spring campaign', createdAt: 1_700_000_000_003 },
    ]);
    // A bookmark past the exported part (the readable part of a damaged log) stays out.
    const part = await (await exportNdjson(desk.store, undefined, { to: 2, bookmarks: await desk.bookmarks.list() })).text();
    expect(part).not.toContain('campaign');
    expect(part).toContain('the very start');
  });

  it('export → import round-trips bookmarks; a replaced log takes the file bookmarks instead of the old ones', async () => {
    const from = await openDesk();
    await from.loadDemo({ orders: 2 });
    await from.bookmarks.put(mark('b-one', 5, 'five'));
    const text = await (await exportNdjson(from.store, undefined, { bookmarks: await from.bookmarks.list() })).text();
    const parsed = parseNdjson(text, registry);
    if (!('events' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.bookmarks).toEqual([mark('b-one', 5, 'five')]);

    const to = await openDesk();
    await to.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 5 });
    await to.bookmarks.put(mark('old', 1, 'names an event of the old log'));
    await importEvents(to, parsed.events, { replace: true, bookmarks: parsed.bookmarks });
    expect(await to.store.headSeq()).toBe(await from.store.headSeq());
    expect(await to.bookmarks.list()).toEqual([mark('b-one', 5, 'five')]);
  });

  it('the streamed import stages the events and hands over the bookmarks, written with the commit', async () => {
    const desk = await openDesk();
    const file = new Blob([[...charges(4), record({ id: 'mid', seq: 2, label: '  half   way ' })].join('\n') + '\n']);
    const staged = await stageNdjsonFile(file, desk.store, desk.registry);
    if (!('staging' in staged)) throw new Error(JSON.stringify(staged.errors));
    expect(staged.count).toBe(4);
    expect(await desk.bookmarks.list()).toEqual([]);
    await importStaged(desk, staged.staging, { replace: false, bookmarks: staged.bookmarks });
    expect(await desk.bookmarks.list()).toEqual([{ id: 'mid', seq: 2, label: 'half way', createdAt: 1 }]);
  });

  it('an export from before bookmarks (events only) still imports, with no bookmarks', async () => {
    const desk = await openDesk();
    const staged = await stageNdjsonFile(new Blob([charges(3).join('\n')]), desk.store, desk.registry);
    if (!('staging' in staged)) throw new Error(JSON.stringify(staged.errors));
    expect(staged.bookmarks).toEqual([]);
    await importStaged(desk, staged.staging, { replace: false, bookmarks: staged.bookmarks });
    expect(await desk.store.headSeq()).toBe(3);
  });

  it('a bad bookmark record rejects the file with its line and reason, and nothing is written', async () => {
    const cases: [string, RegExp][] = [
      [record({ kind: 'note' }), /unknown record kind "note"/],
      [record({ v: 2 }), /bookmark record version 2 is newer than this app reads \(1\)/],
      [record({ seq: 9 }), /bookmark "x" is at event 9, but the file's events end at 3/],
      [record({ label: '   ' }), /invalid bookmark: A bookmark needs a label\./],
      [record({ id: 'has space' }), /invalid bookmark: id: must be 1 to 64 letters/],
      [record({ extra: 1 }), /invalid bookmark: .*extra/],
    ];
    for (const [line, reason] of cases) {
      const parsed = parseNdjson([...charges(3), line].join('\n'), registry);
      expect('errors' in parsed && parsed.errors).toEqual([{ line: 4, reason: expect.stringMatching(reason) }]);
    }
    const twice = parseNdjson([...charges(3), record({}), record({ seq: 2 })].join('\n'), registry);
    expect('errors' in twice && twice.errors).toEqual([{ line: 5, reason: 'bookmark id "b1" appears twice' }]);

    const desk = await openDesk();
    const staged = await stageNdjsonFile(new Blob([[...charges(3), record({ seq: 4 })].join('\n')]), desk.store, desk.registry);
    expect('errors' in staged && staged.errors).toEqual([{ line: 4, reason: expect.stringMatching(/at event 4, but the file's events end at 3/) }]);
    expect(await desk.store.headSeq()).toBe(0);
  });
});
