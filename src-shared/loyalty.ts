import type { LoyaltySettings } from './contract/loyalty';

/** What a program's points pay: `redeemPoints` points pay `redeemCents`. */
export type RedeemRate = Pick<LoyaltySettings, 'redeemPoints' | 'redeemCents'>;

/** What `points` pay at the desk, rounded down to the minor unit (the server's rule and the payment dialog's). */
export function valueOfPoints(rate: RedeemRate, points: number): number {
  return Math.floor((points * rate.redeemCents) / rate.redeemPoints);
}

/** The most points that pay no more than `cents` (their value rounded down never exceeds it). */
export function pointsPaying(rate: RedeemRate, cents: number): number {
  return Math.max(0, Math.ceil(((cents + 1) * rate.redeemPoints) / rate.redeemCents) - 1);
}
