import type { CommandSpec } from '../../engine/command-handler';
import { onOneStream, type Input } from '../one-stream';
import { walletStream } from '../streams';
import { walletDecider, type ChargePoints, type ReverseCharge, type WalletCommand, type WalletState } from './wallet-decider';

/** Command specs of the wallet: which streams they load and how they decide. */

export function chargePoints(input: Input<ChargePoints>): CommandSpec {
  const cmd: ChargePoints = { ...input, type: 'ChargePoints' };
  return onOneStream<WalletCommand, WalletState>(walletStream(cmd.walletId), walletDecider, cmd);
}

/** Reverses a charge (a compensating event; the charge stays in the log), while the balance allows it. */
export function reverseCharge(input: Input<ReverseCharge>): CommandSpec {
  const cmd: ReverseCharge = { ...input, type: 'ReverseCharge' };
  return onOneStream<WalletCommand, WalletState>(walletStream(cmd.walletId), walletDecider, cmd);
}
