import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { exportNdjson } from '../../src/app/ndjson-export';
import { importStaged, ImportRefused } from '../../src/app/import-into-desk';
import { ImportCancelled, stageNdjsonFile } from '../../src/app/ndjson-stream-import';
import type { DexieEventStore } from '../../src/engine/dexie/dexie-event-store';
import type { StoredEvent } from '../../src/engine/event-envelope';

const desks: EventDesk[] = [];
async function openDesk(): Promise<EventDesk> {
  const desk = new EventDesk({ dbName: 'stream-' + Math.random(), runExecutor: false, snapshotInterval: 10_000 });
  desks.push(desk);
  await desk.start();
  return desk;
}
afterEach(() => {
  while (desks.length) desks.pop()!.close();
});

/** `n` charges on one wallet as NDJSON lines (seq 1…n). */
function charges(n: number, from = 1): string[] {
  const lines: string[] = [];
  for (let seq = from; seq < from + n; seq++) {
    lines.push(
      JSON.stringify({
        seq,
        streamId: 'wallet:me',
        version: seq,
        type: 'PointsCharged',
        schemaVersion: 2,
        data: { amount: 10, description: `charge ${seq}` },
        meta: { at: 1_700_000_000_000 + seq, actor: 'me', commandId: `c${seq}`, correlationId: `c${seq}`, causationId: `c${seq}` },
      }),
    );
  }
  return lines;
}

/** A file that can only be read as a stream: text() fails, so a whole-file read shows. */
function streamOnly(text: string): Blob {
  const blob = new Blob([text]);
  const bytes = new TextEncoder().encode(text);
  return {
    size: blob.size,
    slice: () => {
      throw new Error('read by slices');
    },
    text: () => Promise.reject(new Error('the whole file was read as one string')),
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
          controller.close();
        },
      }),
  } as unknown as Blob;
}

const all = async (desk: EventDesk): Promise<StoredEvent[]> => desk.readRange(1, await desk.store.headSeq());
const stagingRecords = (desk: EventDesk) => (desk.store as DexieEventStore).db.staging.count();

// IndexedDB here is fake-indexeddb on a shared machine: thousands of events take seconds.
describe('streamed import', { timeout: 60_000 }, () => {
  it('stages a file read as a stream in chunks and swaps it in on commit', async () => {
    const desk = await openDesk();
    const progress: number[] = [];
    const result = await stageNdjsonFile(streamOnly(charges(2_345).join('\n') + '\n'), desk.store, desk.registry, {
      chunkEvents: 500,
      onProgress: (done) => progress.push(done),
    });
    if ('errors' in result) throw new Error(JSON.stringify(result.errors));
    expect(result.count).toBe(2_345);
    expect(await desk.store.headSeq()).toBe(0);
    expect(progress.length).toBeGreaterThan(3);
    await importStaged(desk, result.staging, { replace: false });
    expect(await desk.store.headSeq()).toBe(2_345);
    expect(desk.live.state.passbook.balance).toBe(23_450);
    expect(await stagingRecords(desk)).toBe(0);
  });

  it('keeps the rules of the whole-file import: errors with line numbers, the staging dropped, the log untouched', async () => {
    const desk = await openDesk();
    await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 5 });
    const before = await all(desk);
    const lines = charges(2_500);
    lines[1_200] = '{"seq":1201,"__proto__":{"polluted":true}}';
    lines[2_000] = '{oops';
    const result = await stageNdjsonFile(streamOnly(lines.join('\n')), desk.store, desk.registry, { chunkEvents: 300 });
    if (!('errors' in result)) throw new Error('expected errors');
    const at = (line: number) => result.errors.find((e) => e.line === line)?.reason;
    expect(result.errors[0].line).toBe(1_201);
    expect(at(1_201)).toMatch(/forbidden key "__proto__"/);
    expect(at(2_001)).toMatch(/not valid JSON/);
    expect(await all(desk)).toEqual(before);
    expect(await stagingRecords(desk)).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a cancel while reading writes nothing and frees the staging area', async () => {
    const desk = await openDesk();
    await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 5 });
    const before = await all(desk);
    const abort = new AbortController();
    const staged = stageNdjsonFile(streamOnly(charges(6_000).join('\n')), desk.store, desk.registry, {
      chunkEvents: 1_000,
      onProgress: (done, total) => {
        if (done > total / 2) abort.abort();
      },
      signal: abort.signal,
    });
    await expect(staged).rejects.toBeInstanceOf(ImportCancelled);
    expect(await all(desk)).toEqual(before);
    expect(await stagingRecords(desk)).toBe(0);
  });

  it('a staged file replaces a non-empty log only when asked to, and an export round-trips', async () => {
    const desk = await openDesk();
    await desk.dispatch({ type: 'ChargePoints', walletId: 'me', amount: 5 });
    const other = await openDesk();
    await other.store.appendStored(charges(1_500).map((l) => JSON.parse(l) as StoredEvent));
    const exported = await exportNdjson(other.store);
    const first = await stageNdjsonFile(exported, desk.store, desk.registry);
    if ('errors' in first) throw new Error(JSON.stringify(first.errors));
    await expect(importStaged(desk, first.staging, { replace: false })).rejects.toBeInstanceOf(ImportRefused);
    expect(await desk.store.headSeq()).toBe(1);
    const second = await stageNdjsonFile(exported, desk.store, desk.registry);
    if ('errors' in second) throw new Error(JSON.stringify(second.errors));
    await importStaged(desk, second.staging, { replace: true });
    expect(await all(desk)).toEqual(await all(other));
    expect(desk.live.state.passbook.balance).toBe(15_000);
  });

  it('an empty file and a file past the size limit are refused before anything is staged', async () => {
    const desk = await openDesk();
    const empty = await stageNdjsonFile(new Blob(['\n \n']), desk.store, desk.registry);
    expect(empty).toEqual({ errors: [{ line: 0, reason: 'The file contains no events.' }], more: 0 });
    const big = await stageNdjsonFile(new Blob(['x'.repeat(2_000)]), desk.store, desk.registry, { maxBytes: 1_000 });
    expect(big).toMatchObject({ errors: [{ line: 0, reason: expect.stringMatching(/larger than the import limit/) }] });
    expect(await stagingRecords(desk)).toBe(0);
  });
});
