// Sealed segments: a fresh device downloads 1,000 desk entries at a time and reads only the rest from
// the command stream, checks each segment before trusting it, and checks every entry in it exactly as
// it checks pulled ones. A desk from before segments still syncs, and its devices publish them.
import { describe, expect, it } from 'vitest';
import { generateDemoHistory } from '../../src/domain/demo-data';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { SEGMENT_ENTRIES, encodeDeskSegment } from '../../src/engine/sync/desk-segment';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { UpstreamRefused, encodePayload } from '../../src/engine/sync/upstream';
import { syncDevice } from './sync-device';

/** A desk as an older app version left it: one message per command, no segments. */
function fillDesk(desk: MemoryDesk, events: StoredEvent[], hostileAt?: number): void {
  for (let i = 0; i < events.length; ) {
    if (desk.entries.length + 1 === hostileAt) desk.entries.push('{"v":1,"commandId":"mallory","events":[{"__proto__":{}}]}');
    const id = events[i].meta.commandId;
    let j = i;
    while (j < events.length && events[j].meta.commandId === id) j++;
    desk.entries.push(encodePayload({ commandId: id, command: null, events: events.slice(i, j) }));
    i = j;
  }
}

async function deskOf(entriesWanted: number, hostileAt?: number) {
  const events = await generateDemoHistory({ seed: 5, eventsTarget: Math.round(entriesWanted * 1.05) });
  const desk = new MemoryDesk();
  fillDesk(desk, events, hostileAt);
  return { desk, events };
}

describe('sealed segments', () => {
  it('an old desk without segments syncs from the stream; its device publishes the sealed segments; a fresh device downloads them and reads only the rest', async () => {
    const { desk } = await deskOf(2_600);
    const a = syncDevice('a');
    await a.connect(new MemoryUpstream(desk, 500));
    expect(a.sync.status.confirmedSeq).toBeGreaterThan(0);
    await a.sync.publishSegments();
    const sealed = Math.floor(desk.entries.length / SEGMENT_ENTRIES);
    expect(desk.segments.size).toBe(sealed);
    expect(await a.sync.publishSegments()).toBe(0); // nothing left to publish

    desk.entriesRead = 0;
    const b = syncDevice('b');
    await b.connect(new MemoryUpstream(desk, 500));
    expect(desk.entriesRead).toBe(desk.entries.length - sealed * SEGMENT_ENTRIES);
    expect(await b.confirmedLines()).toEqual(await a.confirmedLines());
    expect(b.sync.status.phase).toBe('synced');
  });

  it('hostile entries inside a segment are quarantined at the same positions, with the same reasons, as when pulled one by one', async () => {
    const { desk } = await deskOf(1_300, 400);
    const a = syncDevice('a');
    await a.connect(new MemoryUpstream(desk, 500));
    await a.sync.publishSegments();
    expect(desk.segments.size).toBe(1);
    expect(a.sync.status.quarantined.map((q) => q.upstreamSeq)).toEqual([400]);

    desk.entriesRead = 0;
    const b = syncDevice('b');
    await b.connect(new MemoryUpstream(desk, 500));
    expect(desk.entriesRead).toBe(desk.entries.length - SEGMENT_ENTRIES);
    expect(b.sync.status.quarantined).toEqual(a.sync.status.quarantined);
    expect(await b.confirmedLines()).toEqual(await a.confirmedLines());
  });

  const tampered: [string, (desk: MemoryDesk) => void][] = [
    [
      'whose checksum fails (damaged)',
      (desk) => {
        const wire = JSON.parse(desk.segments.get(0)!) as { messages: string[] };
        wire.messages[500] = wire.messages[500].replace('"seq":', '"seq":1');
        desk.segments.set(0, JSON.stringify(wire));
      },
    ],
    [
      'that does not line up with the command stream (a device forged it)',
      (desk) => {
        const messages = desk.entries.slice(0, SEGMENT_ENTRIES);
        messages[SEGMENT_ENTRIES - 1] = encodePayload({ commandId: 'forged', command: null, events: [] });
        desk.segments.set(0, encodeDeskSegment(0, messages));
      },
    ],
    ['that claims other positions', (desk) => desk.segments.set(0, encodeDeskSegment(1, desk.entries.slice(0, SEGMENT_ENTRIES)))],
  ];
  it.each(tampered)('a segment %s is not used: the device reads the command stream instead and reaches the same log', async (_, tamper) => {
    const { desk } = await deskOf(1_200);
    const a = syncDevice('a');
    await a.connect(new MemoryUpstream(desk, 500));
    await a.sync.publishSegments();
    tamper(desk);

    desk.entriesRead = 0;
    const b = syncDevice('b');
    await b.connect(new MemoryUpstream(desk, 500));
    expect(desk.entriesRead).toBe(desk.entries.length);
    expect(await b.confirmedLines()).toEqual(await a.confirmedLines());
    expect(b.sync.status.quarantined).toEqual([]);
  });
});

describe('sealed segments written several at a time', () => {
  it('checked segments go to the log in one write; one that fails its check after good ones: those before it are written, nothing of it, the rest comes from the stream', async () => {
    const { desk } = await deskOf(3_300);
    const a = syncDevice('a');
    await a.connect(new MemoryUpstream(desk, 500));
    await a.sync.publishSegments();
    expect(desk.segments.size).toBe(3);
    const wire = JSON.parse(desk.segments.get(2)!) as { messages: string[] };
    wire.messages[10] = wire.messages[10].replace('"seq":', '"seq":1');
    desk.segments.set(2, JSON.stringify(wire));

    desk.entriesRead = 0;
    const b = syncDevice('b');
    const writes: number[][] = [];
    const appendStored = b.confirmed.appendStored.bind(b.confirmed);
    b.confirmed.appendStored = (events) => {
      writes.push([events[0].seq, events.at(-1)!.seq]);
      return appendStored(events);
    };
    await b.connect(new MemoryUpstream(desk, 500));
    const lastEventOf = (position: number) => (JSON.parse(desk.entries[position - 1]) as { events: { seq: number }[] }).events.at(-1)!.seq;
    // Segments 0 and 1 in one write; segment 2 failed its checksum, so positions 2,001… came from the stream.
    expect(writes[0]).toEqual([1, lastEventOf(2 * SEGMENT_ENTRIES)]);
    expect(desk.entriesRead).toBe(desk.entries.length - 2 * SEGMENT_ENTRIES);
    expect(await b.confirmedLines()).toEqual(await a.confirmedLines());
    expect(b.sync.status.quarantined).toEqual([]);
  });
});

describe('sealed segments on a server that refuses them', () => {
  it('a server whose permissions predate segments: the device syncs through the command stream as before', async () => {
    const { desk } = await deskOf(1_200);
    const a = syncDevice('a');
    await a.connect(new MemoryUpstream(desk, 500));
    await a.sync.publishSegments();
    const refusing = new MemoryUpstream(desk, 500);
    const refuse = () => Promise.reject(new UpstreamRefused('demo', new Error('Permissions Violation for Publish to "$JS.API.STREAM.INFO.EVENTDESKSEG_demo"')));
    refusing.segmentCount = refuse;
    refusing.readSegment = refuse;
    refusing.putSegment = refuse;

    desk.entriesRead = 0;
    const b = syncDevice('b');
    await b.connect(refusing);
    expect(desk.entriesRead).toBe(desk.entries.length);
    expect(b.sync.status.phase).toBe('synced');
    expect(await b.confirmedLines()).toEqual(await a.confirmedLines());
  });
});
