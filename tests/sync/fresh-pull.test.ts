// A fresh device pulling a large desk: what made it slow in the browser (an IndexedDB transaction per
// entry for the replay check, the views folding and rendering after every page) must stay fixed, and
// the checks themselves must answer exactly as before.
import { afterEach, describe, expect, it } from 'vitest';
import { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import { EventDeskDb } from '../../src/engine/dexie/eventdesk-db';
import { generateDemoHistory } from '../../src/domain/demo-data';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { log } from '../engine/event-store.contract';
import { testRegistry } from '../engine/test-registry';
import { syncDevice } from './sync-device';

const open: DexieEventStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('a fresh device pulls a large desk', () => {
  it('the views hear of a long pull now and then, not after every page, and of the head at the end', async () => {
    const events = await generateDemoHistory({ seed: 3, eventsTarget: 3_000 });
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    await a.confirmed.appendStored(events);
    await a.connect(new MemoryUpstream(desk, 100));
    const pages = Math.ceil(desk.entries.length / 100);

    const b = syncDevice('b');
    const heard: number[] = [];
    b.log.onAppended((head) => heard.push(head));
    await b.connect(new MemoryUpstream(desk, 100));

    expect(b.sync.status.confirmedSeq).toBe(events.length);
    expect(heard.at(-1)).toBe(events.length);
    expect(heard.length).toBeLessThan(pages / 2);
    expect(await b.confirmedLines()).toEqual(await a.confirmedLines());
  });

  it('batched command lookups answer exactly like one lookup per id (sealed segment, tail, unknown)', async () => {
    const store = new DexieEventStore(new EventDeskDb(`batched-lookup-${Date.now()}`), testRegistry());
    open.push(store);
    const events = log(1_500, 3).map((e) => ({ ...e, meta: { ...e.meta, commandId: `c${Math.ceil(e.seq / 2)}` } }));
    await store.appendStored(events);
    const ids = ['c10', 'c700', 'c5', 'nope', 'c749', 'c10'];
    const batched = await store.findCommands(ids);
    const single = await Promise.all(ids.map((id) => store.findCommand(id)));
    expect(batched).toEqual(single);
    expect(batched.map((r) => r?.firstSeq)).toEqual([19, 1399, 9, undefined, 1497, 19]);
    // A pulled page asks for thousands at once (the tail is then read whole): the same answers.
    const many = [...ids, ...Array.from({ length: 100 }, (_, i) => `c${700 + i}`), 'nope2'];
    expect(await store.findCommands(many)).toEqual(await Promise.all(many.map((id) => store.findCommand(id))));
  });

  it('batched stream versions answer exactly like one read per stream (known, repeated, unknown)', async () => {
    const store = new DexieEventStore(new EventDeskDb(`batched-versions-${Date.now()}`), testRegistry());
    open.push(store);
    const events = log(1_200, 4);
    await store.appendStored(events);
    const ids = [...new Set(events.map((e) => e.streamId)), events[0].streamId, 'no-such-stream'];
    const batched = await store.streamVersions(ids);
    expect(batched).toEqual(await Promise.all(ids.map((id) => store.streamVersion(id))));
    expect(batched.at(-1)).toBe(0);
    expect(Math.max(...batched)).toBeGreaterThan(1);
  });
});
