import fixture from '../fixtures/old-schema.ndjson?raw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { EXPORT_PAGE_SIZE, exportFileName, exportNdjson } from '../../src/app/ndjson-export';
import { ImportRefused, importEvents } from '../../src/app/import-into-desk';
import {
  MAX_IMPORT_BYTES,
  MAX_REPORTED_ERRORS,
  parseNdjson,
  parseNdjsonFile,
  utf8Length,
  type ParseResult,
} from '../../src/app/ndjson-import';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { createEventRegistry } from '../../src/domain/events';

const registry = createEventRegistry();
const desks: EventDesk[] = [];

async function openDesk(): Promise<EventDesk> {
  // snapshotInterval is passed explicitly: EventDesk forwards `snapshotInterval: undefined` to the
  // TimeMachine, which overrides its default and turns every rebuild from a non-empty log into a
  // fold to NaN (live seq 0) — reported to the lead; not this module's code.
  const desk = new EventDesk({ dbName: 'io-' + Math.random(), runExecutor: false, snapshotInterval: 10_000 });
  desks.push(desk);
  await desk.start();
  return desk;
}

afterEach(() => {
  while (desks.length) desks.pop()!.close();
  vi.restoreAllMocks();
});

/** 9 events over wallet:me, post:p1 and order:7. */
async function seedSmall(desk: EventDesk): Promise<void> {
  await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 1000 });
  await desk.dispatch({ type: 'CreatePost', postId: 'p1', title: 'Hello', author: 'kim' });
  await desk.dispatch({ type: 'LikePost', postId: 'p1', userId: 'lee' });
  await desk.dispatch({ type: 'PlaceOrder', orderId: '7', walletId: 'me', postId: 'p1', quantity: 10, unitPrice: 2, batchSize: 5 });
  await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 500, description: 'Top-up' });
  await desk.dispatch({ type: 'UnlikePost', postId: 'p1', userId: 'lee' });
  await desk.dispatch({ type: 'LikePost', postId: 'p1', userId: 'park' });
  await desk.dispatch({ type: 'StartOrder', orderId: '7' });
}

async function exportText(desk: EventDesk, onProgress?: (done: number, total: number) => void, pageSize?: number): Promise<string> {
  return (await exportNdjson(desk.store, onProgress, { pageSize })).text();
}

function expectEvents(result: ParseResult): StoredEvent[] {
  if (!('events' in result)) throw new Error('expected events, got errors: ' + JSON.stringify(result.errors));
  return result.events;
}

function expectErrors(result: ParseResult) {
  if (!('errors' in result)) throw new Error('expected errors, got events');
  return result;
}

async function allEvents(desk: EventDesk): Promise<StoredEvent[]> {
  return desk.readRange(1, await desk.store.headSeq());
}

describe('NDJSON export', () => {
  it('writes one stored envelope per line, in seq order, reading the log in pages', async () => {
    const desk = await openDesk();
    await seedSmall(desk);
    const head = await desk.store.headSeq();
    expect(head).toBe(9);

    // Only the export's own reads: the desk's subscribers and views may read the same store meanwhile.
    const exportCalls: [number, number][] = [];
    const store = Object.create(desk.store) as typeof desk.store;
    store.readRange = (from: number, to: number) => {
      exportCalls.push([from, to]);
      return desk.store.readRange(from, to);
    };
    const progress: [number, number][] = [];
    const text = await (await exportNdjson(store, (done, total) => progress.push([done, total]), { pageSize: 4 })).text();

    const lines = text.split('\n');
    expect(lines.at(-1)).toBe(''); // every line ends in \n
    const parsed = lines.slice(0, -1).map((l) => JSON.parse(l) as StoredEvent);
    expect(parsed).toEqual(await allEvents(desk));
    expect(parsed.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Object.keys(parsed[0])).toEqual(['seq', 'streamId', 'version', 'type', 'schemaVersion', 'data', 'meta']);

    // pages of at most 4 events: 1–4, 5–8, 9
    expect(exportCalls).toEqual([
      [1, 4],
      [5, 8],
      [9, 9],
    ]);
    expect(progress.at(0)).toEqual([0, 9]);
    expect(progress.at(-1)).toEqual([9, 9]);
    expect(EXPORT_PAGE_SIZE).toBe(10_000);
  });

  it('names the file eventdesk-<ISO date>.ndjson', () => {
    expect(exportFileName(new Date('2026-03-04T05:06:07Z'))).toBe('eventdesk-2026-03-04.ndjson');
    expect(exportFileName()).toMatch(/^eventdesk-\d{4}-\d{2}-\d{2}\.ndjson$/);
  });

  it('an empty log exports an empty file', async () => {
    const desk = await openDesk();
    expect(await exportText(desk)).toBe('');
  });
});

describe('NDJSON import', () => {
  it('export then import reproduces the same state at every seq (small log: every n)', async () => {
    const source = await openDesk();
    await seedSmall(source);
    const text = await exportText(source);

    const target = await openDesk();
    const events = expectEvents(parseNdjson(text, target.registry));
    await importEvents(target, events, { replace: false });

    const head = await source.store.headSeq();
    expect(await target.store.headSeq()).toBe(head);
    expect(target.live.seq).toBe(head);
    expect(target.live.state).toEqual(source.live.state);
    expect(await allEvents(target)).toEqual(await allEvents(source));
    for (let n = 0; n <= head; n++) {
      const [a, b] = [await source.seekTo(n), await target.seekTo(n)];
      expect(b?.seq).toBe(n);
      expect(b?.state, `state at seq ${n}`).toEqual(a?.state);
    }
  });

  it('export then import reproduces the same state across the demo history (spread of seqs and the head)', async () => {
    const source = await openDesk();
    await source.loadDemo();
    const head = await source.store.headSeq();
    expect(head).toBeGreaterThan(100);
    const text = await exportText(source);
    expect(text.split('\n').length - 1).toBe(head);

    const target = await openDesk();
    await importEvents(target, expectEvents(parseNdjson(text, target.registry)), { replace: false });
    expect(target.live.seq).toBe(head);
    expect(target.live.state).toEqual(source.live.state);

    const spread = new Set([0, 1, 2, 3, head - 1, head]);
    for (let i = 1; i < 25; i++) spread.add(Math.floor((head * i) / 25));
    for (const n of [...spread].sort((a, b) => a - b)) {
      const [a, b] = [await source.seekTo(n), await target.seekTo(n)];
      expect(b?.state, `state at seq ${n}`).toEqual(a?.state);
    }
  }, 60_000);

  it('a malformed file is rejected whole with line numbers and changes nothing', async () => {
    const source = await openDesk();
    await seedSmall(source);
    const good = (await exportText(source)).trimEnd().split('\n');
    expect(good.length).toBe(9);

    const lines = [...good];
    lines[2] = '{"seq":3,"streamId":"post:p1",'; // line 3: bad JSON
    const noActor = JSON.parse(good[4]) as StoredEvent;
    delete (noActor.meta as Partial<StoredEvent['meta']>).actor;
    lines[4] = JSON.stringify(noActor); // line 5: missing field
    lines[5] = JSON.stringify({ ...JSON.parse(good[5]), type: 'PostBoosted' }); // line 6: unknown type
    lines[6] = JSON.stringify({ ...JSON.parse(good[6]), data: { postId: 'p1', userId: 42 } }); // line 7: bad payload
    lines[8] = JSON.stringify({ ...JSON.parse(good[8]), seq: 11 }); // line 9: seq gap (expected 9)
    const text = lines.join('\n') + '\n';

    const target = await openDesk();
    await seedSmall(target);
    const before = await allEvents(target);
    const beforeState = target.live.state;

    const result = expectErrors(parseNdjson(text, target.registry));
    const byLine = new Map(result.errors.map((e) => [e.line, e.reason]));
    expect([...byLine.keys()]).toEqual([3, 5, 6, 7, 9]);
    expect(byLine.get(3)).toMatch(/not valid JSON/);
    expect(byLine.get(5)).toMatch(/missing field "meta\.actor"/);
    expect(byLine.get(6)).toMatch(/Unknown event type "PostBoosted"/);
    expect(byLine.get(7)).toMatch(/invalid PostUnliked data: userId/);
    expect(byLine.get(9)).toMatch(/seq 11 .*expected 9/);
    expect(result.more).toBe(0);
    expect(result).not.toHaveProperty('events');

    // Nothing was written.
    expect(await target.store.headSeq()).toBe(9);
    expect(await allEvents(target)).toEqual(before);
    expect(target.live.state).toEqual(beforeState);
  });

  it('checks stream versions, the strict envelope and its field rules', () => {
    const base = {
      seq: 1,
      streamId: 'wallet:me',
      version: 1,
      type: 'PointsCharged',
      schemaVersion: 2,
      data: { amount: 5, description: 'x' },
      meta: { at: 1, actor: 'me', commandId: 'c', correlationId: 'c', causationId: 'c' },
    };
    const line = (o: object) => JSON.stringify(o);
    const cases: [string, RegExp][] = [
      [line({ ...base, version: 2 }), /version 2 of stream "wallet:me" should be 1/],
      [line({ ...base, extra: 1 }), /unexpected field "extra"/],
      [line({ ...base, meta: { ...base.meta, note: 'x' } }), /unexpected field "meta\.note"/],
      [line({ ...base, seq: 0 }), /seq/],
      [line({ ...base, seq: 1.5 }), /seq/],
      [line({ ...base, streamId: '' }), /streamId/],
      [line({ ...base, streamId: 'x'.repeat(201) }), /streamId/],
      [line({ ...base, schemaVersion: 0 }), /schemaVersion/],
      [line({ ...base, schemaVersion: 3 }), /schema version 3/],
      [line({ ...base, data: [] }), /data/],
      [line({ ...base, data: null }), /data/],
      [line({ ...base, meta: { ...base.meta, at: '1' } }), /meta\.at/],
      [line({ ...base, data: { amount: 5, description: 'x', more: 1 } }), /invalid PointsCharged data/],
      ['[1,2]', /invalid event/],
      ['"text"', /invalid event/],
    ];
    for (const [text, reason] of cases) {
      const r = expectErrors(parseNdjson(text, registry));
      expect(r.errors, text).toHaveLength(1);
      expect(r.errors[0].line).toBe(1);
      expect(r.errors[0].reason, text).toMatch(reason);
    }
    // A 1e999 "at" parses to Infinity: not finite.
    const inf = `{"seq":1,"streamId":"wallet:me","version":1,"type":"PointsCharged","schemaVersion":2,"data":{"amount":5,"description":"x"},"meta":{"at":1e999,"actor":"me","commandId":"c","correlationId":"c","causationId":"c"}}`;
    expect(expectErrors(parseNdjson(inf, registry)).errors[0].reason).toMatch(/meta\.at/);
    // Blank lines, CRLF and a BOM are fine; line numbers count blank lines.
    const ok = '\uFEFF' + line(base) + '\r\n\r\n' + line({ ...base, seq: 2, version: 2 }) + '\r\n';
    expect(expectEvents(parseNdjson(ok, registry)).map((e) => e.seq)).toEqual([1, 2]);
    const third = line(base) + '\n\n' + line({ ...base, seq: 3, version: 2 });
    expect(expectErrors(parseNdjson(third, registry)).errors).toEqual([{ line: 3, reason: expect.stringMatching(/expected 2/) }]);
    // An empty file imports nothing and says so.
    expect(expectErrors(parseNdjson('\n \n', registry)).errors[0]).toEqual({ line: 0, reason: 'The file contains no events.' });
  });

  it('lists at most 50 errors and counts the rest', () => {
    const text = Array.from({ length: 75 }, () => 'nope').join('\n');
    const r = expectErrors(parseNdjson(text, registry));
    expect(MAX_REPORTED_ERRORS).toBe(50);
    expect(r.errors).toHaveLength(50);
    expect(r.errors.map((e) => e.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(r.more).toBe(25);
  });

  it('hostile keys are refused', () => {
    const meta = '{"at":1,"actor":"me","commandId":"c","correlationId":"c","causationId":"c"}';
    const text = [
      `{"seq":1,"streamId":"post:p1","version":1,"type":"PostCreated","schemaVersion":1,"data":{"postId":"p1","title":"t","author":"me","__proto__":{"polluted":"yes"}},"meta":${meta}}`,
      `{"seq":2,"streamId":"post:p1","version":2,"type":"PostLiked","schemaVersion":1,"data":{"postId":"p1","userId":"a"},"meta":{"at":1,"actor":"me","commandId":"c","correlationId":"c","causationId":"c","constructor":{"prototype":{"polluted":"yes"}}}}`,
      `{"seq":3,"streamId":"post:p1","version":3,"type":"PostLiked","schemaVersion":1,"data":{"postId":"p1","userId":"b","nested":[{"deep":{"prototype":1}}]},"meta":${meta}}`,
      `{"__proto__":{"polluted":"yes"},"seq":4}`,
    ].join('\n');
    const r = expectErrors(parseNdjson(text, registry));
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
    expect(r.errors[0].reason).toMatch(/forbidden key "data\.__proto__"/);
    expect(r.errors[1].reason).toMatch(/forbidden key "meta\.constructor"/);
    expect(r.errors[2].reason).toMatch(/forbidden key "data\.nested\[0\]\.deep\.prototype"/);
    expect(r.errors[3].reason).toMatch(/forbidden key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('files past the size limit are refused with a clear message', async () => {
    expect(MAX_IMPORT_BYTES).toBe(1024 * 1024 * 1024);
    // Refused before parsing: not one JSON error is reported, only the size.
    const garbage = 'x'.repeat(2_000);
    const r = expectErrors(parseNdjson(garbage, registry, { maxBytes: 1_000 }));
    expect(r.errors).toEqual([{ line: 0, reason: 'The file is 2.0 KB, larger than the import limit of 1000 B. Nothing was imported.' }]);

    // Counted in UTF-8 bytes, not characters: 600 × "가" is 1,800 bytes.
    expect(utf8Length('가'.repeat(600))).toBe(1_800);
    expect(utf8Length('😀')).toBe(4);
    expect('errors' in parseNdjson('가'.repeat(600), registry, { maxBytes: 1_000 })).toBe(true);

    // A File is refused by its size before it is read.
    const file = new Blob(['y'.repeat(5_000)]);
    const text = vi.spyOn(file, 'text');
    const fromFile = expectErrors(await parseNdjsonFile(file, registry, { maxBytes: 4_096 }));
    expect(fromFile.errors[0].reason).toMatch(/larger than the import limit of 4\.0 KB/);
    expect(text).not.toHaveBeenCalled();
  });

  it('imports into a non-empty log only with replace, atomically, and the views restart', async () => {
    const source = await openDesk();
    await source.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 42 });
    await source.dispatch({ type: 'CreatePost', postId: 'z', title: 'Z', author: 'me' });
    const events = expectEvents(parseNdjson(await exportText(source), registry));

    const target = await openDesk();
    await seedSmall(target);
    const before = await allEvents(target);

    await expect(importEvents(target, events, { replace: false })).rejects.toBeInstanceOf(ImportRefused);
    expect(await allEvents(target)).toEqual(before);

    // A bad batch (bypassing the parser) fails inside the store and changes nothing.
    const broken = events.map((e, i) => (i === 1 ? { ...e, data: { nope: true } } : e));
    await expect(importEvents(target, broken, { replace: true })).rejects.toThrow();
    expect(await allEvents(target)).toEqual(before);

    await importEvents(target, events, { replace: true });
    expect(await target.store.headSeq()).toBe(2);
    expect(target.live.seq).toBe(2);
    expect(target.live.state).toEqual(source.live.state);
    expect(target.live.state.passbook.balance).toBe(42);
    expect(await allEvents(target)).toEqual(await allEvents(source));
    expect((await target.storageUse()).snapshots).toBe(0);
  });

  it('replacing works on a desk built with default options (as main.tsx builds it)', async () => {
    const desk = new EventDesk({ dbName: 'io-default-' + Math.random(), runExecutor: false });
    desks.push(desk);
    await desk.start();
    await seedSmall(desk);
    await importEvents(desk, expectEvents(parseNdjson(fixture, desk.registry)), { replace: true });
    expect(desk.live.seq).toBe(8);
    expect(desk.live.state.passbook.balance).toBe(6_800);
  });

  it('the old-schema fixture imports and replays through its upcaster', async () => {
    const desk = await openDesk();
    const events = expectEvents(parseNdjson(fixture, desk.registry));
    expect(events).toHaveLength(8);
    // v1 PointsCharged { points } came out as v2 { amount, description }.
    expect(events[1]).toMatchObject({ seq: 2, type: 'PointsCharged', schemaVersion: 2, data: { amount: 5_000, description: 'Charge' } });

    await importEvents(desk, events, { replace: false });
    expect(desk.live.seq).toBe(8);
    // 5,000 + 2,500 (v1 charges) − 1,000 (order #1) + 300 = 6,800
    expect(desk.live.state.passbook.balance).toBe(6_800);
    expect(desk.live.state.posts.byId.p1.likeCount).toBe(2);
    expect((await desk.readRange(4, 4))[0]).toMatchObject({ schemaVersion: 2, data: { amount: 2_500, description: 'Charge' } });
    expect((await desk.seekTo(2))?.state.passbook.balance).toBe(5_000);

    // …and round-trips: its export imports again to the same state.
    const again = await openDesk();
    await importEvents(again, expectEvents(parseNdjson(await exportText(desk), again.registry)), { replace: false });
    expect(again.live.state).toEqual(desk.live.state);
  });
});
