import { describe, expect, it } from 'vitest';
import { TooManyConflicts } from '../../src/engine/errors';
import { syncDevice, charge, post, order } from './sync-device';

describe('an executor batch carries the order stream version it read', () => {
  it('is recorded against that version, and refused once the order stream moved past it', async () => {
    const d = syncDevice('a');
    await d.dispatch(charge(10_000));
    await d.dispatch(post('p1'));
    await d.dispatch(order('o1', 300));
    await d.dispatch({ type: 'StartOrder', orderId: 'o1' });
    const version = await d.log.streamVersion('order:o1');
    await d.dispatch({ type: 'RecordBatch', orderId: 'o1', batchNo: 1, outcome: { ok: true, likes: 100 }, expectedVersion: version });
    expect(await d.log.streamVersion('order:o1')).toBe(version + 1);
    // Batch 2 decided against the version before batch 1: the stream moved, so it is not written.
    await expect(
      d.dispatch({ type: 'RecordBatch', orderId: 'o1', batchNo: 2, outcome: { ok: true, likes: 100 }, expectedVersion: version }),
    ).rejects.toBeInstanceOf(TooManyConflicts);
    expect(await d.log.streamVersion('order:o1')).toBe(version + 1);
  });
});
