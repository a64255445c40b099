import type { InputOf } from '../../../src-shared/contract/index';
import { type TestClinic, openTestClinic } from '../../support/clinic';
import { travel } from '../retention/support';

/** "Today" of every segments test: a Monday in Berlin, after the autumn DST change. */
export const TODAY = '2026-11-23';

export interface SegmentClinic {
  clinic: TestClinic;
  services: { botox: number; filler: number; laser: number; peel: number; consult: number };
  categories: { neurotoxin: number; filler: number; laser: number; peel: number };
  providers: { mia: number; noah: number };
  patient(firstName: string, extra?: Partial<InputOf<'patients.create'>>): Promise<number>;
  /** Sells these services (one invoice, each line by the given provider) at noon of a date, or at an ISO instant. */
  sell(patientId: number, when: string, serviceIds: number[], staffId?: number): Promise<{ id: number; lineIds: number[] }>;
  /** Moves the clock to an instant (the owner's desk, locked when idle, is unlocked). */
  travel(to: string): Promise<void>;
  /** Moves the clock to today (sales are made in date order first, as a clinic would). */
  toToday(): Promise<void>;
}

/**
 * A Berlin clinic (no tax) with a neurotoxin, a filler, a laser hair removal and a peel at round prices, two providers,
 * and the clock at the start of 2025 so patients can buy in the past.
 */
export async function openSegmentClinic(): Promise<SegmentClinic> {
  const clinic = await openTestClinic({ now: '2025-01-02T09:00:00Z', timeZone: 'Europe/Berlin' });
  const categories = await clinic.call('catalog.categories', {});
  const category = (name: string) => categories.find((c) => c.name === name)!.id;
  const service = async (name: string, categoryName: string, priceCents: number, kind: 'consult' | 'treatment' = 'treatment') =>
    (await clinic.call('catalog.saveService', { categoryId: category(categoryName), name, kind, priceCents, durationMinutes: 30 })).id;
  const provider = async (username: string) => (await clinic.call('staff.create', { username, displayName: username, role: 'practitioner', password: 'staff-password-42' })).id;
  return {
    clinic,
    services: {
      botox: await service('Botox forehead', 'Neurotoxin', 30_000),
      filler: await service('Lip filler', 'Dermal filler', 40_000),
      laser: await service('Laser legs', 'Laser hair removal', 50_000),
      peel: await service('Glow peel', 'Chemical peel', 10_000),
      consult: await service('Consultation', 'Consultation', 5_000, 'consult'),
    },
    categories: { neurotoxin: category('Neurotoxin'), filler: category('Dermal filler'), laser: category('Laser hair removal'), peel: category('Chemical peel') },
    providers: { mia: await provider('mia'), noah: await provider('noah') },
    patient: async (firstName, extra = {}) => (await clinic.call('patients.create', { firstName, lastName: 'Kunde', ...extra })).id,
    async sell(patientId, when, serviceIds, staffId) {
      await travel(clinic, when.includes('T') ? when : `${when}T11:00:00Z`);
      const draft = await clinic.call('invoices.createDraft', { patientId, lines: serviceIds.map((serviceId) => ({ serviceId, staffId: staffId ?? null })) });
      const invoice = await clinic.call('invoices.issue', { id: draft.id });
      return { id: invoice.id, lineIds: invoice.lines.map((line) => line.id) };
    },
    travel: (to) => travel(clinic, to),
    toToday: () => travel(clinic, `${TODAY}T10:00:00Z`),
  };
}
