import type { Decider } from '../../engine/decider';
import { DomainRuleViolation } from '../../engine/errors';
import type { StoredEvent } from '../../engine/event-envelope';
import { event } from '../events';
import type { PointsCharged, PointsChargeReversed, PointsDeducted, PointsRefunded, WalletEvent } from '../events';
import { formatNumber } from '../format';

export interface ChargePoints {
  type: 'ChargePoints';
  walletId: string;
  amount: number;
  description?: string;
}
/** Internal to PlaceOrder: the wallet side of paying for an order. */
export interface DeductPoints {
  type: 'DeductPoints';
  walletId: string;
  amount: number;
  orderId: string;
}
/** Internal to CancelOrder / a failing RecordBatch: the wallet side of a refund. */
export interface RefundPoints {
  type: 'RefundPoints';
  walletId: string;
  amount: number;
  orderId: string;
  reason: 'cancelled' | 'failed';
}

/** Compensates an earlier charge of the wallet (its version in the stream) — a new event; the charge stays. */
export interface ReverseCharge {
  type: 'ReverseCharge';
  walletId: string;
  chargeVersion: number;
}

/** The most a single charge may add. */
export const MAX_CHARGE = 10_000_000;

export type WalletCommand = ChargePoints | DeductPoints | RefundPoints | ReverseCharge;

export interface WalletState {
  /** Whether any event was ever written to the wallet. */
  opened: boolean;
  balance: number;
  /** Charges not reversed yet, by their version in the stream: what a reversal may take back. */
  charges: Record<number, { amount: number; description: string }>;
}

export function initialWalletState(): WalletState {
  return { opened: false, balance: 0, charges: {} };
}

function positiveWhole(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
}

/** The refund event both fail and cancel produce (no wallet state needed: a refund never breaks a rule). */
export function refundEvent(amount: number, orderId: string, reason: PointsRefunded['reason']) {
  return event('PointsRefunded', { amount, orderId, reason });
}

export function decideWallet(command: WalletCommand, state: WalletState): WalletEvent[] {
  switch (command.type) {
    case 'ChargePoints': {
      if (!positiveWhole(command.amount)) {
        throw new DomainRuleViolation('charge.positive-whole-number', `A charge must be a whole number of points from 1 to ${formatNumber(MAX_CHARGE)}.`, { max: MAX_CHARGE });
      }
      if (command.amount > MAX_CHARGE) {
        throw new DomainRuleViolation(
          'charge.max',
          `A single charge can be at most ${formatNumber(MAX_CHARGE)} points.`,
          { max: MAX_CHARGE },
        );
      }
      const description = command.description?.trim() || 'Charge';
      return [event('PointsCharged', { amount: command.amount, description })];
    }
    case 'DeductPoints': {
      if (!positiveWhole(command.amount)) {
        throw new DomainRuleViolation('spend.positive-whole-number', 'An amount to spend must be a positive whole number of points.');
      }
      if (command.amount > state.balance) {
        throw new DomainRuleViolation(
          'spend.insufficient-balance',
          `Not enough points: this needs ${formatNumber(command.amount)} points but the balance is ${formatNumber(state.balance)}.`,
          { needed: command.amount, balance: state.balance },
        );
      }
      return [event('PointsDeducted', { amount: command.amount, orderId: command.orderId })];
    }
    case 'ReverseCharge': {
      const charge = state.charges[command.chargeVersion];
      if (!charge) {
        throw new DomainRuleViolation(
          'reverse.only-open-charge',
          `Event ${command.chargeVersion} of this wallet is not a charge that can still be reversed (it is not a charge, or it was reversed already).`,
          { chargeVersion: command.chargeVersion },
        );
      }
      if (charge.amount > state.balance) {
        throw new DomainRuleViolation(
          'reverse.insufficient-balance',
          `This charge of ${formatNumber(charge.amount)} points cannot be reversed: the balance is only ${formatNumber(state.balance)} points, and a balance never goes below zero.`,
          { amount: charge.amount, balance: state.balance },
        );
      }
      return [event('PointsChargeReversed', { amount: charge.amount, chargeVersion: command.chargeVersion, description: charge.description })];
    }
    case 'RefundPoints': {
      if (!positiveWhole(command.amount)) {
        throw new DomainRuleViolation('refund.positive-whole-number', 'A refund must be a positive whole number of points.');
      }
      return [refundEvent(command.amount, command.orderId, command.reason)];
    }
  }
}

export function evolveWallet(state: WalletState, e: StoredEvent): WalletState {
  switch (e.type) {
    case 'PointsCharged': {
      const d = e.data as PointsCharged;
      return {
        opened: true,
        balance: state.balance + d.amount,
        charges: { ...state.charges, [e.version]: { amount: d.amount, description: d.description } },
      };
    }
    case 'PointsDeducted':
      return { ...state, opened: true, balance: state.balance - (e.data as PointsDeducted).amount };
    case 'PointsRefunded':
      return { ...state, opened: true, balance: state.balance + (e.data as PointsRefunded).amount };
    case 'PointsChargeReversed': {
      const d = e.data as PointsChargeReversed;
      const charges = { ...state.charges };
      delete charges[d.chargeVersion];
      return { opened: true, balance: state.balance - d.amount, charges };
    }
    default:
      return state;
  }
}

export const walletDecider: Decider<WalletCommand, WalletState, WalletEvent> = {
  initialState: initialWalletState,
  decide: decideWallet,
  evolve: evolveWallet,
};
