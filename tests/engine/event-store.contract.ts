import { describe, expect, it } from 'vitest';
import { ExpectedVersionConflict, InvalidEventPayload, UnknownEventType } from '../../src/engine/errors';
import type { StoredEvent } from '../../src/engine/event-envelope';
import { appendToStream, type EventStore } from '../../src/engine/event-store';
import { ImportTargetNotEmpty } from '../../src/engine/log-staging';
import { added, meta, removed } from './test-registry';

/**
 * The rules every EventStore must hold. Run by each implementation's test
 * file with a factory for a fresh, empty store.
 */
export function eventStoreContract(name: string, fresh: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    it('E1 an empty log has head 0, no events and streams at version 0', async () => {
      const store = await fresh();
      expect(await store.headSeq()).toBe(0);
      expect(await store.readRange(1, 100)).toEqual([]);
      expect(await store.streamVersion('a')).toBe(0);
      expect(await store.readStream('a')).toEqual([]);
    });

    it('E2 appends get gap-free global seqs and per-stream versions, with the envelope stored', async () => {
      const store = await fresh();
      await appendToStream(store, 'a', [added(1), added(2)], { expectedVersion: 'no_stream' }, meta('me', 10));
      await appendToStream(store, 'b', [removed(3)], { expectedVersion: 0 }, meta('you', 20));
      await appendToStream(store, 'a', [added(4)], { expectedVersion: 2 }, meta('me', 30));
      const all = await store.readRange(1, 10);
      expect(all.map((e) => [e.seq, e.streamId, e.version, e.type])).toEqual([
        [1, 'a', 1, 'Added'],
        [2, 'a', 2, 'Added'],
        [3, 'b', 1, 'Removed'],
        [4, 'a', 3, 'Added'],
      ]);
      expect(all[2]).toMatchObject({ schemaVersion: 1, data: { amount: 3 }, meta: { at: 20, actor: 'you', commandId: expect.stringMatching(/^c\d+$/) } });
      expect(await store.headSeq()).toBe(4);
      expect(await store.streamVersion('a')).toBe(3);
    });

    it('E3 a wrong expected version throws ExpectedVersionConflict with the actual version and writes nothing', async () => {
      const store = await fresh();
      await appendToStream(store, 'a', [added(1)], { expectedVersion: 'any' }, meta());
      const error = await appendToStream(store, 'a', [added(2)], { expectedVersion: 0 }, meta()).catch((e) => e);
      expect(error).toBeInstanceOf(ExpectedVersionConflict);
      expect(error).toMatchObject({ streamId: 'a', actual: 1 });
      await expect(appendToStream(store, 'a', [added(2)], { expectedVersion: 'no_stream' }, meta())).rejects.toBeInstanceOf(
        ExpectedVersionConflict,
      );
      expect(await store.headSeq()).toBe(1);
    });

    it('E4 a multi-stream append is atomic: one stream in conflict, nothing written to any', async () => {
      const store = await fresh();
      await appendToStream(store, 'wallet', [added(10)], { expectedVersion: 'no_stream' }, meta());
      await expect(
        store.appendToStreams(
          [
            { streamId: 'order', events: [added(1)], expectedVersion: 'no_stream' },
            { streamId: 'wallet', events: [removed(5)], expectedVersion: 0 },
          ],
          meta(),
        ),
      ).rejects.toBeInstanceOf(ExpectedVersionConflict);
      expect(await store.headSeq()).toBe(1);
      expect(await store.streamVersion('order')).toBe(0);

      const ok = await store.appendToStreams(
        [
          { streamId: 'order', events: [added(1)], expectedVersion: 'no_stream' },
          { streamId: 'wallet', events: [removed(5)], expectedVersion: 1 },
        ],
        meta(),
      );
      expect(ok).toMatchObject({ firstSeq: 2, lastSeq: 3, versions: { order: 1, wallet: 2 } });
    });

    it('E5 unknown types and invalid payloads are typed errors and write nothing', async () => {
      const store = await fresh();
      await expect(appendToStream(store, 'a', [added(1), { type: 'Nope', data: {} }], { expectedVersion: 'any' }, meta())).rejects.toBeInstanceOf(
        UnknownEventType,
      );
      await expect(
        appendToStream(store, 'a', [{ type: 'Added', data: { amount: 1.5 } }], { expectedVersion: 'any' }, meta()),
      ).rejects.toBeInstanceOf(InvalidEventPayload);
      await expect(
        appendToStream(store, 'a', [{ type: 'Added', data: { amount: 1, __proto__x: 1 } }], { expectedVersion: 'any' }, meta()),
      ).rejects.toThrow(/unexpected keys/);
      expect(await store.headSeq()).toBe(0);
    });

    it('E6 reads by range and by stream cross storage boundaries in order (2,500 events)', async () => {
      const store = await fresh();
      await store.appendStored(log(2300, 3));
      for (let i = 0; i < 200; i++) {
        const id = `s${i % 3}`;
        await appendToStream(store, id, [added(i)], { expectedVersion: await store.streamVersion(id) }, meta());
      }
      expect(await store.headSeq()).toBe(2500);
      const all = await store.readRange(1, 2500);
      expect(all.map((e) => e.seq)).toEqual(seqs(1, 2500));
      expect((await store.readRange(995, 1005)).map((e) => e.seq)).toEqual(seqs(995, 1005));
      expect((await store.readRange(2290, 99999)).map((e) => e.seq)).toEqual(seqs(2290, 2500));
      const s1 = await store.readStream('s1');
      expect(s1.map((e) => e.version)).toEqual(seqs(1, s1.length));
      expect(s1.every((e) => e.streamId === 's1')).toBe(true);
      expect(s1.map((e) => e.seq)).toEqual(all.filter((e) => e.streamId === 's1').map((e) => e.seq));
      const from = await store.readStream('s1', { fromVersion: 700, toSeq: 2400 });
      expect(from[0].version).toBe(700);
      expect(from.at(-1)!.seq).toBeLessThanOrEqual(2400);
      expect(from.length).toBe(all.filter((e) => e.streamId === 's1' && e.version >= 700 && e.seq <= 2400).length);
    });

    it('E7 a bulk load must continue the log exactly; a bad one changes nothing', async () => {
      const store = await fresh();
      await store.appendStored(log(10, 2));
      const gap = log(3, 1, 12);
      await expect(store.appendStored(gap)).rejects.toBeInstanceOf(InvalidEventPayload);
      const badVersion = log(1, 1, 11).map((e) => ({ ...e, version: 99 }));
      await expect(store.appendStored(badVersion)).rejects.toThrow(/version 99/);
      const badPayload = log(5, 1, 11).map((e, i) => (i === 4 ? { ...e, data: { amount: 'x' } } : e));
      await expect(store.appendStored(badPayload)).rejects.toBeInstanceOf(InvalidEventPayload);
      expect(await store.headSeq()).toBe(10);
    });

    it('E8 events stored at an older schema version are read through their upcaster', async () => {
      const store = await fresh();
      const old: StoredEvent = { ...log(1, 1)[0], schemaVersion: 1, data: { n: 7 } };
      await store.appendStored([old]);
      const [read] = await store.readRange(1, 1);
      expect(read).toMatchObject({ schemaVersion: 2, data: { amount: 7 } });
      expect((await store.readStream('s0'))[0].data).toEqual({ amount: 7 });
    });

    it('E9 replacing the log swaps it whole; a bad replacement changes nothing', async () => {
      const store = await fresh();
      await store.appendStored(log(1200, 2));
      await expect(store.replaceLog(log(3, 1).map((e, i) => (i === 2 ? { ...e, type: 'Bogus' } : e)))).rejects.toBeInstanceOf(
        UnknownEventType,
      );
      expect(await store.headSeq()).toBe(1200);
      await store.replaceLog(log(5, 1));
      expect(await store.headSeq()).toBe(5);
      expect((await store.readRange(1, 10)).length).toBe(5);
      expect(await store.streamVersion('s1')).toBe(0);
    });

    it('E12 a staged log is swapped in whole by one commit, with stream indexes as if appended', async () => {
      const store = await fresh();
      await store.appendStored(log(1200, 2));
      const staging = await store.stageLog();
      const events = log(2_345, 3);
      for (let i = 0; i < events.length; i += 700) await staging.add(events.slice(i, i + 700));
      expect(staging.count).toBe(2_345);
      // Nothing of the staged log shows before the commit.
      expect(await store.headSeq()).toBe(1200);
      expect(await store.streamVersion('s2')).toBe(0);
      const heads: [number, boolean][] = [];
      store.onAppended((h, { replaced }) => heads.push([h, replaced]));
      await expect(staging.commit({ replace: true })).resolves.toBe(2_345);
      expect(heads).toEqual([[2_345, true]]);
      expect(await store.headSeq()).toBe(2_345);
      expect((await store.readRange(1, 3000)).map((e) => [e.seq, e.streamId, e.version])).toEqual(
        events.map((e) => [e.seq, e.streamId, e.version]),
      );
      expect((await store.readStream('s1')).map((e) => e.seq)).toEqual(events.filter((e) => e.streamId === 's1').map((e) => e.seq));
      expect(await store.streamVersion('s2')).toBe(781);
      // The swapped-in log is an ordinary log: appends continue it.
      await appendToStream(store, 's0', [added(1)], { expectedVersion: 782 }, meta());
      expect(await store.headSeq()).toBe(2_346);
    });

    it('E13 a discarded or refused staging leaves the log exactly as it was', async () => {
      const store = await fresh();
      await store.appendStored(log(1200, 2));
      const before = await store.readRange(1, 1200);
      const staging = await store.stageLog();
      await staging.add(log(1500, 1));
      // A chunk that does not continue the staged log is refused and stages nothing.
      await expect(staging.add(log(3, 1, 1502))).rejects.toBeInstanceOf(InvalidEventPayload);
      expect(staging.count).toBe(1500);
      await staging.discard();
      await staging.discard();
      expect(await store.readRange(1, 2000)).toEqual(before);
      expect(await store.streamVersion('s1')).toBe(600);
      // Into a log that is not empty, a commit without replace is refused.
      const second = await store.stageLog();
      await second.add(log(5, 1));
      await expect(second.commit({ replace: false })).rejects.toBeInstanceOf(ImportTargetNotEmpty);
      expect(await store.readRange(1, 2000)).toEqual(before);
    });

    it('E10 listeners hear the new head after each append', async () => {
      const store = await fresh();
      const heads: number[] = [];
      const stop = store.onAppended((h) => heads.push(h));
      await appendToStream(store, 'a', [added(1), added(2)], { expectedVersion: 'any' }, meta());
      await store.appendStored(log(1, 1, 3).map((e) => ({ ...e, streamId: 'z', version: 1 })));
      stop();
      await appendToStream(store, 'a', [added(1)], { expectedVersion: 'any' }, meta());
      expect(heads).toEqual([2, 3]);
    });

    it('E12 a command id the log already holds writes nothing and answers with the first result', async () => {
      const store = await fresh();
      const m = meta('me', 10);
      const first = await store.appendToStreams(
        [
          { streamId: 'order', events: [added(1)], expectedVersion: 'no_stream' },
          { streamId: 'wallet', events: [removed(5), added(2)], expectedVersion: 'no_stream' },
        ],
        m,
      );
      await appendToStream(store, 'other', [added(9)], { expectedVersion: 'any' }, meta());
      // A retry of the same intent: stale expected versions, even another payload — still the first result.
      const again = await appendToStream(store, 'wallet', [removed(99)], { expectedVersion: 'no_stream' }, { ...m, at: 99 });
      expect(again.duplicate).toBe(true);
      expect(first.duplicate).toBeFalsy();
      expect({ ...again, duplicate: undefined }).toEqual({ ...first, duplicate: undefined });
      expect(again).toMatchObject({ firstSeq: 1, lastSeq: 3, versions: { order: 1, wallet: 2 } });
      expect(await store.headSeq()).toBe(4);
      expect(await store.streamVersion('wallet')).toBe(2);
      expect(await store.findCommand(m.commandId)).toEqual(again);
      expect(await store.findCommand('never-sent')).toBeUndefined();
    });

    it('E13 concurrent appends of one command id write it once; a command spanning a sealed boundary is found whole', async () => {
      const store = await fresh();
      await store.appendStored(log(997, 2));
      const m = meta('me');
      const appends = [{ streamId: 'x', events: [added(1), added(2), added(3), added(4), added(5)], expectedVersion: 'any' as const }];
      const results = await Promise.all([store.appendToStreams(appends, m), store.appendToStreams(appends, m), store.appendToStreams(appends, m)]);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(results.map((r) => [r.firstSeq, r.lastSeq])).toEqual([[998, 1002], [998, 1002], [998, 1002]]);
      expect(await store.headSeq()).toBe(1002);
      const found = await store.findCommand(m.commandId);
      expect(found?.events.map((e) => e.seq)).toEqual([998, 999, 1000, 1001, 1002]);
      expect(found?.versions).toEqual({ x: 5 });
    });

    it('E14 imported events fill the dedup index; a batch that splits a command is refused and changes nothing', async () => {
      const store = await fresh();
      const imported = log(6, 2).map((e) => ({ ...e, meta: { ...e.meta, commandId: `imp-${Math.ceil(e.seq / 2)}` } }));
      await store.appendStored(imported);
      const retry = await appendToStream(store, 's0', [added(1)], { expectedVersion: 'any' }, meta('me', 1, 'imp-2'));
      expect(retry).toMatchObject({ duplicate: true, firstSeq: 3, lastSeq: 4 });
      expect(await store.headSeq()).toBe(6);
      // A chunked import may finish the command the log ends with…
      const next = log(2, 2, 7).map((e) => ({ ...e, meta: { ...e.meta, commandId: e.seq === 7 ? 'imp-3' : 'imp-4' } }));
      await store.appendStored(next);
      expect((await store.findCommand('imp-3'))?.events.map((e) => e.seq)).toEqual([5, 6, 7]);
      // …but a command's events never come back after another command.
      const split = log(2, 2, 9).map((e) => ({ ...e, meta: { ...e.meta, commandId: e.seq === 9 ? 'imp-5' : 'imp-4' } }));
      const splitAgain = log(3, 2, 9).map((e) => ({ ...e, meta: { ...e.meta, commandId: e.seq === 10 ? 'b' : 'a' } }));
      await expect(store.appendStored(split)).rejects.toThrow(/imp-4/);
      await expect(store.appendStored(splitAgain)).rejects.toThrow(/contiguous/);
      expect(await store.headSeq()).toBe(8);
      await expect(store.replaceLog(log(3, 1).map((e) => ({ ...e, meta: { ...e.meta, commandId: e.seq === 2 ? 'b' : 'a' } })))).rejects.toThrow(
        /contiguous/,
      );
      expect(await store.headSeq()).toBe(8);
      await store.replaceLog(log(2, 1).map((e) => ({ ...e, meta: { ...e.meta, commandId: 'r' } })));
      expect(await store.findCommand('imp-2')).toBeUndefined();
      expect((await store.findCommand('r'))?.lastSeq).toBe(2);
    });

    it('E11 the log size in bytes grows with what is stored', async () => {
      const store = await fresh();
      expect(await store.logBytes()).toBe(0);
      await store.appendStored(log(2000, 4));
      const bytes = await store.logBytes();
      const exact = JSON.stringify(await store.readRange(1, 2000)).length;
      expect(bytes).toBeGreaterThan(exact * 0.8);
      expect(bytes).toBeLessThan(exact * 1.2);
    });
  });
}

/** n positioned events round-robin over `streams` streams, starting at seq `start`. */
export function log(n: number, streams: number, start = 1): StoredEvent[] {
  const versions = new Map<string, number>();
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    const seq = start + i;
    const streamId = `s${(seq - 1) % streams}`;
    const version = (versions.get(streamId) ?? Math.floor((start - 1 - ((seq - 1) % streams) + streams - 1) / streams)) + 1;
    versions.set(streamId, version);
    out.push({
      seq,
      streamId,
      version,
      type: seq % 5 === 0 ? 'Removed' : 'Added',
      schemaVersion: seq % 5 === 0 ? 1 : 2,
      data: { amount: seq % 7 },
      meta: meta('gen', 1_700_000_000_000 + seq * 1000),
    });
  }
  return out;
}

function seqs(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
