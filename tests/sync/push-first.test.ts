// Issue 8, latency A commits → B shows it: a new local command is pushed at once, with the desk head this
// device applied as its expectation. Pulling first cost two round trips (stream info twice) before every push;
// a desk that moved meanwhile still refuses the push (UpstreamMoved), and then the device pulls and rebases.
import { describe, expect, it } from 'vitest';
import { MemoryDesk, MemoryUpstream } from '../../src/engine/sync/memory-upstream';
import { charge, syncDevice } from './sync-device';

/** A MemoryUpstream that records the calls a device makes. */
class CountingUpstream extends MemoryUpstream {
  calls: string[] = [];
  override async info() {
    this.calls.push('info');
    return super.info();
  }
  override append(...args: Parameters<MemoryUpstream['append']>) {
    this.calls.push('append');
    return super.append(...args);
  }
}

describe('a new local command is pushed before anything is pulled', () => {
  it('the first call to the desk after a local command is the append', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    const up = new CountingUpstream(desk);
    await a.connect(up);
    up.calls = [];
    await a.dispatch(charge(100));
    await a.sync.syncNow();
    expect(up.calls[0]).toBe('append');
    expect(a.sync.status).toMatchObject({ phase: 'synced', confirmedSeq: 1, pending: 0 });
  });

  it('when the desk moved meanwhile, the push is refused, the device pulls, rebases and pushes again: both logs identical', async () => {
    const desk = new MemoryDesk();
    const a = syncDevice('a');
    const b = syncDevice('b');
    const ua = new CountingUpstream(desk);
    ua.watch = () => () => {}; // A does not hear that B wrote
    await a.connect(ua);
    await b.connect(new MemoryUpstream(desk));
    await b.dispatch(charge(5));
    await b.sync.syncNow();
    ua.calls = [];
    await a.dispatch(charge(100));
    await a.sync.syncNow();
    expect(ua.calls.slice(0, 2)).toEqual(['append', 'info']);
    expect(ua.calls.filter((c) => c === 'append')).toHaveLength(2);
    await b.sync.syncNow();
    expect(await a.exportLines()).toEqual(await b.exportLines());
    expect(a.sync.status).toMatchObject({ confirmedSeq: 2, pending: 0 });
  });
});
