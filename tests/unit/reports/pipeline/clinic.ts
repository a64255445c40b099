import { afterEach } from 'vitest';
import { OWNER, openTestClinic, type TestClinic } from '../../../support/clinic';
import { WEEKDAY_HOURS } from '../../scheduling/calendar';

/**
 * A New York clinic (a DST zone) for the pipeline reports: Ana and Ben; Neurotoxin (average sale $400, maintenance
 * every 90 days) and Laser hair removal ($200, 42 days), each with a consult and a treatment; no tax, so a line's net
 * is its price.
 */
export interface PipelineClinic {
  clinic: TestClinic;
  ana: number;
  ben: number;
  neurotoxin: number;
  laser: number;
  services: { botoxConsult: number; botox: number; laserConsult: number; laser: number };
  /** Moves the clock to a New York wall-clock time ("2026-03-25T10:00"). */
  at(local: string): Promise<void>;
  patient(firstName: string, extra?: { referredByPatientId?: number; phone?: string }): Promise<number>;
  /** Books one service at a New York wall-clock time (outside hours with an override). */
  book(patientId: number, serviceId: number, local: string, staffId?: number): Promise<number>;
  /** Sells services now (issued, unpaid). */
  sell(patientId: number, serviceIds: number[], staffId?: number): Promise<{ id: number; lines: { id: number }[] }>;
}

/** A New York wall-clock time as a UTC instant. */
export function newYork(local: string): string {
  const guess = Date.parse(`${local}Z`);
  const offset = (at: number) => {
    const name = new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')!.value;
    return Number(name.replace('GMT', '') || 0);
  };
  return new Date(guess - offset(guess - offset(guess) * 3_600_000) * 3_600_000).toISOString();
}

export function pipelineClinics(): (now: string) => Promise<PipelineClinic> {
  const open: TestClinic[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  return async (nowLocal) => {
    const clinic = await openTestClinic({ now: newYork(nowLocal), timeZone: 'America/New_York', country: 'US', currency: 'USD' });
    open.push(clinic);
    const staff = async (username: string, displayName: string) => {
      const { id } = await clinic.call('staff.create', { username, displayName, role: 'practitioner', password: 'staff-password-42' });
      await clinic.call('scheduling.setHours', { staffId: id, intervals: WEEKDAY_HOURS });
      return id;
    };
    const ana = await staff('ana', 'Ana Alvarez');
    const ben = await staff('ben', 'Ben Brandt');
    const categories = await clinic.call('catalog.categories', {});
    const category = async (name: string, averageSaleCents: number, maintenanceIntervalDays: number) => {
      const { serviceCount: _count, ...c } = categories.find((k) => k.name === name)!;
      await clinic.call('catalog.saveCategory', { ...c, averageSaleCents, maintenanceIntervalDays });
      return c.id;
    };
    const neurotoxin = await category('Neurotoxin', 40_000, 90);
    const laser = await category('Laser hair removal', 20_000, 42);
    const service = async (categoryId: number, name: string, kind: 'consult' | 'treatment', priceCents: number) =>
      (await clinic.call('catalog.saveService', { categoryId, name, kind, priceCents, durationMinutes: 30, taxable: false })).id;
    const services = {
      botoxConsult: await service(neurotoxin, 'Botox consult', 'consult', 5_000),
      botox: await service(neurotoxin, 'Botox forehead', 'treatment', 30_000),
      laserConsult: await service(laser, 'Laser consult', 'consult', 0),
      laser: await service(laser, 'Laser legs', 'treatment', 25_000),
    };
    await clinic.call('settings.update', { leadToConsultRateBp: 5_000, consultToTreatmentRateBp: 6_000, weeklySalesTargetCents: 70_000 });
    const at = async (local: string) => {
      clinic.clock.set(newYork(local));
      const session = await clinic.call('auth.session', {});
      if (session?.locked) await clinic.call('auth.unlock', { password: OWNER.password });
    };
    let phone = 10;
    return {
      clinic,
      ana,
      ben,
      neurotoxin,
      laser,
      services,
      at,
      patient: async (firstName, extra = {}) => (await clinic.call('patients.create', { firstName, lastName: 'Client', phone: `+1212555${String(phone++).padStart(4, '0')}`, ...extra })).id,
      async book(patientId, serviceId, local, staffId = ana) {
        const segments = [{ serviceId, staffId, startsAt: newYork(local) }];
        return (await clinic.call('appointments.book', { patientId, segments, override: { reason: 'Test booking' } })).id;
      },
      async sell(patientId, serviceIds, staffId = ana) {
        return (await clinic.call('checkout.commit', { patientId, lines: serviceIds.map((serviceId) => ({ serviceId, staffId })) })).invoice;
      },
    };
  };
}
