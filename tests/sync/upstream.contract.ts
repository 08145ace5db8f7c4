import { describe, expect, it } from 'vitest';
import { UpstreamMoved, encodePayload, type Upstream, type UpstreamCommand, type UpstreamEntry } from '../../src/engine/sync/upstream';

/** A fresh, empty desk per test; `client()` is one more device on it. */
export interface DeskFixture {
  client(): Upstream;
  cleanup(): Promise<void>;
}

function command(id: string, seq: number): UpstreamCommand {
  return {
    commandId: id,
    command: { type: 'ChargePoints', walletId: 'me', amount: seq },
    events: [
      {
        seq,
        streamId: 'wallet:me',
        version: seq,
        type: 'PointsCharged',
        schemaVersion: 2,
        data: { amount: seq, description: 'x' },
        meta: { at: 1, actor: 'me', commandId: id, correlationId: id, causationId: id },
      },
    ],
  };
}

async function readAll(u: Upstream, from = 1): Promise<UpstreamEntry[]> {
  const out: UpstreamEntry[] = [];
  for await (const page of u.read(from)) out.push(...page);
  return out;
}

/** What every Upstream adapter must do (in-memory and NATS JetStream). */
export function upstreamContract(name: string, desk: () => Promise<DeskFixture>) {
  describe(`Upstream contract: ${name}`, () => {
    const withDesk = (fn: (d: DeskFixture) => Promise<void>) => async () => {
      const d = await desk();
      try {
        await fn(d);
      } finally {
        await d.cleanup();
      }
    };

    it('an empty desk has head 0 and reads nothing', withDesk(async (d) => {
      const u = d.client();
      expect((await u.info()).head).toBe(0);
      expect(await readAll(u)).toEqual([]);
    }));

    it('appends in order; seq is the desk order; reads return the commands with their events', withDesk(async (d) => {
      const u = d.client();
      expect(await u.append(command('c1', 1), 0)).toEqual({ seq: 1, duplicate: false });
      expect(await u.append(command('c2', 2), 1)).toEqual({ seq: 2, duplicate: false });
      const entries = await readAll(d.client());
      expect(entries.map((e) => [e.seq, e.commandId])).toEqual([[1, 'c1'], [2, 'c2']]);
      expect(entries[1].events).toEqual(command('c2', 2).events);
      expect(entries[1].command).toEqual(command('c2', 2).command);
      expect((await readAll(u, 2)).map((e) => e.seq)).toEqual([2]);
      expect(await readAll(u, 3)).toEqual([]);
    }));

    it('an append with a stale expected head is refused with the actual head, and stores nothing', withDesk(async (d) => {
      const a = d.client();
      const b = d.client();
      await a.append(command('a1', 1), 0);
      const refused = await b.append(command('b1', 1), 0).catch((e) => e);
      expect(refused).toBeInstanceOf(UpstreamMoved);
      expect((refused as UpstreamMoved).head).toBe(1);
      expect((await b.info()).head).toBe(1);
      expect(await b.append(command('b1', 2), 1)).toEqual({ seq: 2, duplicate: false });
    }));

    it('the same command id again (a retry after a lost ack) is a duplicate pointing at the first copy, even with a stale head', withDesk(async (d) => {
      const u = d.client();
      await u.append(command('c1', 1), 0);
      await u.append(command('c2', 2), 1);
      expect(await u.append(command('c1', 1), 0)).toEqual({ seq: 1, duplicate: true });
      expect((await u.info()).head).toBe(2);
      expect((await readAll(u)).map((e) => e.commandId)).toEqual(['c1', 'c2']);
    }));

    it('watchers hear that another device appended', withDesk(async (d) => {
      const a = d.client();
      const b = d.client();
      await b.info();
      const heard = new Promise<void>((resolve) => b.watch(resolve));
      await a.append(command('c1', 1), 0);
      await expect(Promise.race([heard.then(() => 'heard'), new Promise((r) => setTimeout(() => r('timeout'), 5_000))])).resolves.toBe('heard');
    }));

    it('reads a longer desk completely, in pages, in order', withDesk(async (d) => {
      const u = d.client();
      for (let i = 1; i <= 1_200; i++) await u.append(command(`c${i}`, i), i - 1);
      const pages: number[] = [];
      const seqs: number[] = [];
      for await (const page of d.client().read(1)) {
        pages.push(page.length);
        seqs.push(...page.map((e) => e.seq));
      }
      expect(seqs).toEqual(Array.from({ length: 1_200 }, (_, i) => i + 1));
      expect(pages.length).toBeGreaterThan(1);
      expect((await u.info()).deskId).toBe((await d.client().info()).deskId);
    }), 60_000);

    it('an entry read carries its message exactly as stored, which messageAt returns too', withDesk(async (d) => {
      const u = d.client();
      await u.append(command('c1', 1), 0);
      const [entry] = await readAll(d.client());
      expect(entry.raw).toBe(encodePayload(command('c1', 1)));
      expect(await d.client().messageAt(1)).toBe(entry.raw);
      expect(await d.client().messageAt(2)).toBeUndefined();
    }));

    it('a desk without segments has none to read', withDesk(async (d) => {
      const u = d.client();
      expect(await u.segmentCount()).toBe(0);
      expect(await u.readSegment(0)).toBeUndefined();
    }));

    it('a segment is stored once: a second copy of the same number, from any device, leaves the first', withDesk(async (d) => {
      const a = d.client();
      const b = d.client();
      await a.putSegment(0, 'first copy');
      await b.putSegment(0, 'second copy');
      await a.putSegment(0, 'first copy');
      await b.putSegment(1, 'segment one');
      expect(await d.client().readSegment(0)).toBe('first copy');
      expect(await d.client().readSegment(1)).toBe('segment one');
      expect(await d.client().readSegment(2)).toBeUndefined();
      expect(await d.client().segmentCount()).toBe(2);
    }));
  });
}
