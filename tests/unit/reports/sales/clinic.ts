import type { InputOf } from '../../../../src-shared/contract/index';
import { OWNER, type TestClinic, openTestClinic } from '../../../support/clinic';

/**
 * A small New York clinic (no tax rate set up, so a line's net is its price less discounts) with two providers,
 * three services in three categories, a three-session Botox package and a referral source with a monthly cost.
 * Sales are made through the real handlers at chosen instants, so every figure the tests expect is written by hand.
 */
type Lines = InputOf<'invoices.createDraft'>['lines'] & object;

export interface SalesClinic {
  clinic: TestClinic;
  staff: { ana: number; ben: number };
  services: { botox: number; filler: number; consult: number };
  categories: { neurotoxin: number; filler: number; consult: number };
  botoxThree: number;
  sources: { instagram: number; flyer: number };
  /** Sets the clock (unlocking the idle desk). */
  at(instant: string): Promise<void>;
  patient(firstName: string, extra?: Partial<InputOf<'patients.create'>>): Promise<number>;
  /** An issued invoice paid in full by card (or left owed with `pay: false`). */
  sell(patientId: number | null, lines: Lines, options?: { pay?: boolean; couponCode?: string; tenders?: InputOf<'checkout.commit'>['tenders'] }): Promise<{ id: number; lines: number[] }>;
  /** Books a visit (over any conflict: these tests are about sales, not the calendar). */
  book(patientId: number, staffId: number, startsAt: string): Promise<number>;
}

export async function openSalesClinic(): Promise<SalesClinic> {
  const clinic = await openTestClinic({ now: '2025-12-01T15:00:00Z', timeZone: 'America/New_York', country: 'US', currency: 'USD' });
  const categories = await clinic.call('catalog.categories', {});
  const category = (name: string) => categories.find((c) => c.name === name)!.id;
  const service = async (name: string, categoryName: string, priceCents: number, kind: 'consult' | 'treatment') =>
    (await clinic.call('catalog.saveService', { categoryId: category(categoryName), name, kind, priceCents, durationMinutes: 30, taxable: false })).id;
  const staff = async (username: string, displayName: string) => (await clinic.call('staff.create', { username, displayName, role: 'practitioner', password: 'staff-password-42' })).id;
  const services = {
    botox: await service('Botox forehead', 'Neurotoxin', 30_000, 'treatment'),
    filler: await service('Lip filler', 'Dermal filler', 40_000, 'treatment'),
    consult: await service('Consultation', 'Consultation', 5_000, 'consult'),
  };
  const plan = await clinic.call('packagePlans.save', { name: 'Botox ×3', serviceId: services.botox, units: 3, priceCents: 75_000, validityDays: 365, transferable: false });
  const source = async (name: string, monthlyCostCents: number) => (await clinic.call('catalog.saveReferralSource', { name, channel: 'social', monthlyCostCents })).id;
  const at = async (instant: string) => {
    clinic.clock.set(instant);
    await clinic.call('auth.unlock', { password: OWNER.password }).catch(() => undefined);
  };
  return {
    clinic,
    staff: { ana: await staff('ana', 'Ana Alves'), ben: await staff('ben', 'Ben Brook') },
    services,
    categories: { neurotoxin: category('Neurotoxin'), filler: category('Dermal filler'), consult: category('Consultation') },
    botoxThree: plan.id,
    sources: { instagram: await source('Instagram ads', 31_000), flyer: await source('Flyers', 0) },
    at,
    patient: async (firstName, extra = {}) => (await clinic.call('patients.create', { firstName, lastName: 'Kunde', ...extra })).id,
    book: async (patientId, staffId, startsAt) =>
      (await clinic.call('appointments.book', { patientId, segments: [{ serviceId: services.consult, staffId, startsAt }], override: { reason: 'Report test' } })).id,
    async sell(patientId, lines, options = {}) {
      const draft = await clinic.call('invoices.createDraft', { ...(patientId === null ? {} : { patientId }), lines });
      if (options.couponCode) await clinic.call('invoices.saveDraft', { id: draft.id, lines, couponCode: options.couponCode });
      const saved = await clinic.call('invoices.get', { id: draft.id });
      const due = saved.totalCents;
      const tenders = options.tenders ?? (options.pay === false || due === 0 ? [] : [{ tender: 'card' as const, amountCents: due }]);
      const { invoice } = await clinic.call('checkout.commit', { id: draft.id, tenders });
      return { id: invoice.id, lines: invoice.lines.map((l) => l.id) };
    },
  };
}
