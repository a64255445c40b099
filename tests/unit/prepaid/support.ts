import type { PatientPackage } from '../../../src-shared/contract/prepaid';
import { OWNER } from '../../support/clinic';
import { type Calendar, openCalendar } from '../scheduling/calendar';

export interface PrepaidClinic extends Calendar {
  laserSix: number;
  sql<T>(text: string, ...params: unknown[]): T[];
  /** Sell on an issued invoice for the patient and pay it in full by card. */
  sell(patientId: number | null, lines: object[]): Promise<number>;
  /** Lena holding a freshly sold "Laser legs ×6", and Max, another patient. */
  holding(): Promise<{ lena: number; max: number; held: PatientPackage }>;
  /** Travel to a later instant (the desk locks when idle; unlock it again). */
  travel(to: string): Promise<void>;
  /** An issued invoice for a later visit: `units` of a service. */
  visit(patientId: number, serviceId: number, units?: number): Promise<number>;
}

/** A Berlin clinic (19 % VAT) selling "Laser legs ×6" (transferable, valid 365 days) at 1,200.00. */
export async function openPrepaid(): Promise<PrepaidClinic> {
  const cal = await openCalendar();
  const { clinic } = cal;
  await clinic.call('settings.saveTaxRate', { name: 'VAT', rateMillipercent: 19_000, isDefault: true });
  const plan = await clinic.call('packagePlans.save', { name: 'Laser legs ×6', serviceId: cal.services.laser, units: 6, priceCents: 120_000, validityDays: 365, transferable: true });
  const sell: PrepaidClinic['sell'] = async (patientId, lines) => {
    const { id } = await clinic.call('invoices.createDraft', { ...(patientId === null ? {} : { patientId }), lines: lines as never });
    const issued = await clinic.call('invoices.issue', { id });
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: issued.dueCents }] });
    return id;
  };
  return {
    ...cal,
    laserSix: plan.id,
    sql: <T>(text: string, ...params: unknown[]) => clinic.lumen.runtime.sqlite.prepare(text).all(...params) as T[],
    sell,
    async holding() {
      const lena = await cal.patient('Lena');
      const max = await cal.patient('Max');
      await sell(lena, [{ packagePlanId: plan.id }]);
      const [held] = await clinic.call('packages.forPatient', { patientId: lena });
      return { lena, max, held };
    },
    async travel(to) {
      clinic.clock.set(to);
      await clinic.call('auth.unlock', { password: OWNER.password });
    },
    async visit(patientId, serviceId, units = 1) {
      const { id } = await clinic.call('invoices.createDraft', { patientId, lines: [{ serviceId, quantity: units }] });
      await clinic.call('invoices.issue', { id });
      return id;
    },
  };
}
