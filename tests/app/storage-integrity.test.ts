import { afterEach, describe, expect, it } from 'vitest';
import { EventDesk } from '../../src/app/event-desk';
import { memoryHeadRecord, parseHeadRecord } from '../../src/app/head-record';
import { StorageProblem } from '../../src/app/integrity-problem';
import { parseNdjson } from '../../src/app/ndjson-import';
import { ME } from '../../src/domain/streams';

const open: EventDesk[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

let n = 0;
function newDesk(dbName = `integrity-${++n}`, headRecord = memoryHeadRecord()): EventDesk {
  const desk = new EventDesk({ dbName, runExecutor: false, headRecord });
  open.push(desk);
  return desk;
}

const charge = (amount: number) => ({ type: 'ChargePoints' as const, walletId: ME, amount });

/** A desk with `count` charges of 10, closed again (its database stays). */
async function storedDesk(count: number, headRecord = memoryHeadRecord()) {
  const desk = newDesk(undefined, headRecord);
  await desk.start();
  for (let i = 0; i < count; i++) await desk.dispatch(charge(10));
  desk.close();
  return { dbName: desk.db.name, headRecord };
}

describe('Storage integrity at the desk', () => {
  it('I1 a damaged tail event: the views stop at the last intact event, nothing shows NaN, commands are refused and write nothing', async () => {
    const { dbName, headRecord } = await storedDesk(6);
    const raw = newDesk(dbName, headRecord);
    await raw.db.tail.update(4, { data: 'garbage' as never });
    raw.close();

    const desk = newDesk(dbName, headRecord);
    const live = await desk.start();
    expect(desk.problem).toMatchObject({ kind: 'damaged', from: 4, to: 4 });
    expect(live.seq).toBe(3);
    expect(live.state.passbook.balance).toBe(30);
    const refused = await desk.dispatch(charge(5)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageProblem);
    expect((refused as Error).message).toMatch(/damaged at events 4–4/);
    expect(await desk.store.headSeq()).toBe(6);
  });

  it('I2 the readable part exports, and importing it replaces the damaged log: the desk works again', async () => {
    const { dbName, headRecord } = await storedDesk(5);
    const raw = newDesk(dbName, headRecord);
    await raw.db.tail.update(3, { data: { amount: 'lots' } as never });
    raw.close();

    const desk = newDesk(dbName, headRecord);
    await desk.start();
    expect(desk.problem).toMatchObject({ kind: 'damaged', from: 3 });
    const text = await (await desk.exportReadable()).text();
    const parsed = parseNdjson(text, desk.registry);
    if (!('events' in parsed)) throw new Error('the readable part did not parse');
    expect(parsed.events.map((e) => e.seq)).toEqual([1, 2]);
    await desk.store.replaceLog(parsed.events);
    await expect.poll(() => desk.problem).toBeNull();
    await expect.poll(() => desk.live.seq).toBe(2);
    await desk.dispatch(charge(7));
    expect(desk.live.state.passbook.balance).toBe(27);
  });

  it('I3 a log shorter than the head this browser recorded is announced; dismissing it makes the record follow the log', async () => {
    const { headRecord } = await storedDesk(4);
    expect(headRecord.read()?.head).toBe(4);
    // The browser lost the database: a fresh one under another name stands in for it.
    const desk = newDesk(undefined, headRecord);
    await desk.start();
    expect(desk.problem).toEqual({ kind: 'lost', expected: 4, found: 0 });
    // Still usable (the user may start again) — and the warning stays until dismissed.
    await desk.dispatch(charge(1));
    expect(headRecord.read()?.head).toBe(4);
    desk.dismissLoss();
    expect(desk.problem).toBeNull();
    await expect.poll(() => headRecord.read()?.head).toBe(1);
  });

  it('I4 getting the events back (an import as long as the record) ends the warning', async () => {
    const { headRecord } = await storedDesk(3);
    const desk = newDesk(undefined, headRecord);
    await desk.start();
    expect(desk.problem?.kind).toBe('lost');
    for (let i = 0; i < 3; i++) await desk.dispatch(charge(2));
    await expect.poll(() => desk.problem).toBeNull();
  });

  it('I5 the database closed under the desk (site data cleared): it says so and writes nothing into a new empty log', async () => {
    const desk = newDesk();
    await desk.start();
    await desk.dispatch(charge(10));
    // What the browser does to open connections when site data is cleared (Dexie then fires "close").
    desk.db.close({ disableAutoOpen: false });
    await expect.poll(() => desk.problem).toEqual({ kind: 'cleared', shown: 1 });
    await expect(desk.dispatch(charge(10))).rejects.toBeInstanceOf(StorageProblem);
  });

  it('I6 the head record vanishing from localStorage (cleared with the site data) is noticed before a command writes', async () => {
    localStorage.clear();
    const desk = new EventDesk({ dbName: `integrity-ls-${++n}`, runExecutor: false });
    open.push(desk);
    await desk.start();
    await desk.dispatch(charge(10));
    expect(parseHeadRecord(localStorage.getItem(`eventdesk.head:${desk.db.name}`))?.head).toBe(1);
    localStorage.clear();
    await expect(desk.dispatch(charge(10))).rejects.toThrow(/cleared while the desk was open/);
    expect(desk.problem?.kind).toBe('cleared');
  });
});
