import { afterEach } from 'vitest';
import type { InputOf } from '../../../src-shared/contract/index';
import { type LoyaltyClinic, openLoyalty } from '../loyalty/support';

export interface ReferralClinic extends LoyaltyClinic {
  /** Saves the referral program: on, 10 % as store credit — with `changes`. */
  referrals(changes?: Partial<InputOf<'referrals.saveSettings'>>): Promise<void>;
  /** A patient referred by `referrerId`. */
  referred(firstName: string, referrerId: number): Promise<number>;
  /** The patient's store credit balance (sum of their stored-value entries). */
  credit(patientId: number): Promise<number>;
  /** Refunds every unit of these lines of the invoice (all lines when left out), to the original tender. */
  refund(invoiceId: number, lineIds?: number[]): Promise<void>;
  lineIds(invoiceId: number): Promise<number[]>;
}

/** The loyalty test clinic (Berlin, 19 % VAT; botox 300.00, laser 250.00 net; 100 points pay 5.00) with referrals on. */
export async function openReferrals(): Promise<ReferralClinic> {
  const base = await openLoyalty();
  const { clinic } = base;
  const save: ReferralClinic['referrals'] = async (changes = {}) => {
    await clinic.call('referrals.saveSettings', { enabled: true, percent: 10, form: 'storeCredit', ...changes });
  };
  await save();
  const lineIds = async (invoiceId: number) => (await clinic.call('invoices.get', { id: invoiceId })).lines.map((l) => l.id);
  return {
    ...base,
    referrals: save,
    referred: async (firstName, referrerId) => (await clinic.call('patients.create', { firstName, lastName: 'Referred', referredByPatientId: referrerId })).id,
    credit: async (patientId) => (await clinic.call('storedValue.history', { patientId })).balanceCents,
    lineIds,
    async refund(invoiceId, lines) {
      const invoice = await clinic.call('invoices.get', { id: invoiceId });
      const chosen = invoice.lines.filter((l) => !lines || lines.includes(l.id));
      await clinic.call('creditNotes.create', { invoiceId, lines: chosen.map((l) => ({ invoiceLineId: l.id, quantity: l.quantity })), reason: 'Refund', refundTo: 'originalTender' });
    },
  };
}

/** `start()` opens a referral clinic that is closed after the test. */
export function referralClinics(): () => Promise<ReferralClinic> {
  const open: ReferralClinic[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.clinic.close()));
  });
  return async () => {
    const c = await openReferrals();
    open.push(c);
    return c;
  };
}
