import type { InputOf, OutputOf } from '../../../src-shared/contract/index';
import { type TestClinic, openTestClinic } from '../../support/clinic';

export interface Shop {
  clinic: TestClinic;
  /** Botox (Neurotoxin, treatment, 300.00), a filler (Dermal filler, treatment, 400.00), a consultation (consult, 50.00). */
  services: { botox: number; filler: number; consult: number };
  categories: { neurotoxin: number; filler: number };
  patient(firstName?: string): Promise<number>;
  campaign(name?: string): Promise<number>;
  coupon(input: Partial<InputOf<'coupons.save'>> & { campaignId: number }): Promise<OutputOf<'coupons.save'>>;
}

/** A Berlin clinic (no tax) with three services in three categories, for promotions. */
export async function openShop(now = '2026-03-02T09:00:00Z'): Promise<Shop> {
  const clinic = await openTestClinic({ now, timeZone: 'Europe/Berlin' });
  const categories = await clinic.call('catalog.categories', {});
  const category = (name: string) => categories.find((c) => c.name === name)!.id;
  const service = async (name: string, categoryName: string, priceCents: number, kind: 'consult' | 'treatment') =>
    (await clinic.call('catalog.saveService', { categoryId: category(categoryName), name, kind, priceCents, durationMinutes: 30 })).id;
  let patients = 0;
  let campaigns = 0;
  return {
    clinic,
    services: {
      botox: await service('Botox forehead', 'Neurotoxin', 30_000, 'treatment'),
      filler: await service('Lip filler', 'Dermal filler', 40_000, 'treatment'),
      consult: await service('Consultation', 'Consultation', 5_000, 'consult'),
    },
    categories: { neurotoxin: category('Neurotoxin'), filler: category('Dermal filler') },
    patient: async (firstName = `Pat${++patients}`) => (await clinic.call('patients.create', { firstName, lastName: 'Kunde' })).id,
    campaign: async (name = `Campaign ${++campaigns}`) => (await clinic.call('campaigns.save', { name, channel: 'Instagram', costCents: 20_000 })).id,
    coupon: (input) =>
      clinic.call('coupons.save', {
        name: 'Spring',
        discount: { kind: 'percent', basisPoints: 2000 },
        validFrom: '2026-03-01',
        validTo: '2026-03-31',
        ...input,
      }),
  };
}
