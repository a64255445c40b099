import { afterEach } from 'vitest';
import type { TestClinic } from '../../support/clinic';
import { berlin, type Calendar, openCalendar } from '../scheduling/calendar';
import { travel } from './support';

/** A Berlin clinic (openCalendar: Ana, Ben, Botox and a recheck in Neurotoxin at 90 days, laser at 42) with sales helpers. */
export interface RetentionClinic extends Calendar {
  /** Sells one line of a service to a patient at a Berlin wall-clock time (the clock moves there). */
  sell(patientId: number, serviceId: number, local: string, staffId?: number): Promise<{ id: number; lines: { id: number }[] }>;
  /** A patient who may be reached on the given channels (consent and a phone/email on file). */
  contactablePatient(firstName: string, channels?: ('sms' | 'email' | 'phone')[], extra?: { preferredName?: string; doNotContact?: boolean }): Promise<number>;
  at(local: string): Promise<void>;
  rows(table: string): number;
}

export function retentionClinics(): (now?: string) => Promise<RetentionClinic> {
  const open: TestClinic[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  return async (now = '2026-01-05T08:00:00Z') => {
    const cal = await openCalendar(now);
    open.push(cal.clinic);
    const { clinic } = cal;
    const categories = await clinic.call('catalog.categories', {});
    const laser = categories.find((c) => c.name === 'Laser hair removal')!;
    const { serviceCount: _count, ...laserInput } = laser;
    await clinic.call('catalog.saveCategory', { ...laserInput, maintenanceIntervalDays: 42 });
    const at = (local: string) => travel(clinic, berlin(local));
    let phoneSuffix = 10;
    return {
      ...cal,
      at,
      rows: (table) => clinic.lumen.runtime.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
      async sell(patientId, serviceId, local, staffId = cal.ana) {
        await at(local);
        return (await clinic.call('checkout.commit', { patientId, lines: [{ serviceId, staffId }] })).invoice;
      },
      async contactablePatient(firstName, channels = ['sms', 'email', 'phone'], extra = {}) {
        const { id } = await clinic.call('patients.create', {
          firstName,
          lastName: 'Client',
          phone: `+49151234567${phoneSuffix++}`,
          email: `${firstName.toLowerCase()}@example.com`,
          ...extra,
        });
        for (const channel of channels) await clinic.call('patients.setConsent', { patientId: id, channel, granted: true, source: 'form' });
        return id;
      },
    };
  };
}
