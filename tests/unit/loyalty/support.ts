import { afterEach } from 'vitest';
import type { InputOf } from '../../../src-shared/contract/index';
import { OWNER } from '../../support/clinic';
import { type PrepaidClinic, openPrepaid } from '../prepaid/support';

export interface LoyaltyClinic extends PrepaidClinic {
  categories: { consultation: number; neurotoxin: number; laser: number };
  /** Saves the program: on, 1 point per unit, 100 points pay 5.00, no expiry, Silver/Gold tiers — with `changes`. */
  program(changes?: Partial<InputOf<'loyalty.saveSettings'>>): Promise<void>;
  /** An issued invoice of these lines for the patient, paid by `tenders` (card for what is due when left out). */
  pay(patientId: number | null, lines: object[], tenders?: object[]): Promise<number>;
  balance(patientId: number): Promise<number>;
  /** Travel to a later instant and sign in again. */
  travel(to: string): Promise<void>;
}

/** The prepaid test clinic (Berlin, 19 % VAT) with the loyalty program switched on. */
export async function openLoyalty(): Promise<LoyaltyClinic> {
  const base = await openPrepaid();
  const { clinic } = base;
  const all = await clinic.call('catalog.categories', {});
  const category = (name: string) => all.find((c) => c.name === name)!.id;
  const categories = { consultation: category('Consultation'), neurotoxin: category('Neurotoxin'), laser: category('Laser hair removal') };
  const program: LoyaltyClinic['program'] = async (changes = {}) => {
    await clinic.call('loyalty.saveSettings', {
      enabled: true,
      pointsPerUnit: 1,
      redeemPoints: 100,
      redeemCents: 500,
      expiryMonths: 0,
      tiers: [
        { name: 'Silver', thresholdPoints: 0 },
        { name: 'Gold', thresholdPoints: 1000, discountPercent: 10, categoryIds: [categories.laser], birthdayPoints: 50 },
      ],
      ...changes,
    });
  };
  await program();
  const pay: LoyaltyClinic['pay'] = async (patientId, lines, tenders) => {
    const { id } = await clinic.call('invoices.createDraft', { ...(patientId === null ? {} : { patientId }), lines: lines as never });
    const issued = await clinic.call('invoices.issue', { id });
    await clinic.call('payments.take', { invoiceId: id, tenders: (tenders ?? [{ tender: 'card', amountCents: issued.dueCents }]) as never });
    return id;
  };
  return {
    ...base,
    categories,
    program,
    pay,
    balance: async (patientId) => (await clinic.call('loyalty.forPatient', { patientId })).balance,
    async travel(to) {
      clinic.clock.set(to);
      await clinic.call('auth.unlock', { password: OWNER.password });
    },
  };
}

/** `start()` opens a loyalty clinic (with `program` changes saved) that is closed after the test. */
export function loyaltyClinics(changes?: Partial<InputOf<'loyalty.saveSettings'>>): () => Promise<LoyaltyClinic> {
  const open: LoyaltyClinic[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.clinic.close()));
  });
  return async () => {
    const c = await openLoyalty();
    open.push(c);
    if (changes) await c.program(changes);
    return c;
  };
}
