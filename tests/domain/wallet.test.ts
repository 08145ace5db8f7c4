import { describe, it } from 'vitest';
import { DomainRuleViolation } from '../../src/engine/errors';
import { event } from '../../src/domain/events';
import { MAX_CHARGE, walletDecider } from '../../src/domain/wallet/wallet-decider';
import { DeciderSpecification } from '../helpers/given-when-then';

const spec = DeciderSpecification.for(walletDecider);
const charge = (amount: number, description?: string) => ({ type: 'ChargePoints' as const, walletId: 'me', amount, description });
const deduct = (amount: number) => ({ type: 'DeductPoints' as const, walletId: 'me', amount, orderId: '1' });

describe('wallet', () => {
  it('charging adds points with a description', () => {
    spec.given([]).when(charge(10_000, 'Card top-up')).then([event('PointsCharged', { amount: 10_000, description: 'Card top-up' })]);
    spec.given([]).when(charge(500)).then([event('PointsCharged', { amount: 500, description: 'Charge' })]);
  });

  it('a charge must be a positive whole number', () => {
    for (const bad of [0, -5, 1.5, Number.NaN, Infinity]) {
      spec.given([]).when(charge(bad)).thenThrows(DomainRuleViolation, 'whole number of points from 1 to', 'charge.positive-whole-number');
    }
  });

  it('a charge is capped at 10,000,000 points', () => {
    spec.given([]).when(charge(MAX_CHARGE)).then([event('PointsCharged', { amount: MAX_CHARGE, description: 'Charge' })]);
    spec.given([]).when(charge(MAX_CHARGE + 1)).thenThrows(DomainRuleViolation, '10,000,000', 'charge.max');
  });

  it('spending more than the balance is rejected', () => {
    const history = [
      event('PointsCharged', { amount: 5_000, description: 'Charge' }),
      event('PointsDeducted', { amount: 3_000, orderId: '1' }),
      event('PointsRefunded', { amount: 1_000, orderId: '1', reason: 'cancelled' }),
    ];
    // balance is 3,000
    spec.given(history).when(deduct(3_001)).thenThrows(DomainRuleViolation, 'balance is 3,000', 'spend.insufficient-balance');
    spec.given(history).when(deduct(3_000)).then([event('PointsDeducted', { amount: 3_000, orderId: '1' })]);
  });

  it('a charge is reversed by a compensating event that names it, while the balance allows it', () => {
    const reverse = (chargeVersion: number) => ({ type: 'ReverseCharge' as const, walletId: 'me', chargeVersion });
    const history = [
      event('PointsCharged', { amount: 5_000, description: 'Card top-up' }), // v1
      event('PointsDeducted', { amount: 4_000, orderId: '1' }), // v2, balance 1,000
      event('PointsCharged', { amount: 800, description: 'Bonus' }), // v3, balance 1,800
    ];
    spec.given(history).when(reverse(3)).then([event('PointsChargeReversed', { amount: 800, chargeVersion: 3, description: 'Bonus' })]);
    // 5,000 cannot come back out of a balance of 1,800: a clear refusal, nothing decided.
    spec.given(history).when(reverse(1)).thenThrows(DomainRuleViolation, 'balance is only 1,800', 'reverse.insufficient-balance');
    // Only a charge can be reversed, and only once.
    spec.given(history).when(reverse(2)).thenThrows(DomainRuleViolation, 'not a charge that can still be reversed', 'reverse.only-open-charge');
    const reversed = [...history, event('PointsChargeReversed', { amount: 800, chargeVersion: 3, description: 'Bonus' })];
    spec.given(reversed).when(reverse(3)).thenThrows(DomainRuleViolation, 'reversed already', 'reverse.only-open-charge');
  });

  it('evolve is pure: it returns a new state and leaves the old one alone', () => {
    const s0 = walletDecider.initialState();
    const s1 = walletDecider.evolve(s0, {
      seq: 1, streamId: 'wallet:me', version: 1, type: 'PointsCharged', schemaVersion: 2,
      data: { amount: 10, description: 'x' }, meta: { at: 0, actor: 'me', commandId: 'c', correlationId: 'c', causationId: 'c' },
    });
    if (s0.balance !== 0 || s1.balance !== 10 || s0 === s1) throw new Error('evolve mutated or failed');
  });
});
