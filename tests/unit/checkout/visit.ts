import { afterEach } from 'vitest';
import { berlin, type Calendar, openCalendar } from '../scheduling/calendar';

/** A Berlin clinic charging 19 % VAT on top, with a completed visit of two services by two providers. */
export async function openCompletedVisit() {
  const cal = await openCalendar();
  const { clinic, ana, ben, services } = cal;
  await clinic.call('settings.saveTaxRate', { name: 'VAT', rateMillipercent: 19_000, isDefault: true });
  const patient = await cal.patient('Lena', 'Vogel');
  const { id: appointmentId } = await clinic.call('appointments.book', {
    patientId: patient,
    segments: [
      { serviceId: services.consult, staffId: ben, startsAt: berlin('2026-03-02T10:00') },
      { serviceId: services.botox, staffId: ana, startsAt: berlin('2026-03-02T10:30') },
    ],
  });
  for (const status of ['arrived', 'inTreatment', 'completed'] as const) await clinic.call('appointments.setStatus', { id: appointmentId, status });
  return { cal, clinic, ana, ben, services, patient, appointmentId };
}

/** For a test file: opens a completed visit per test and closes its clinic after each. */
export function completedVisits(): () => ReturnType<typeof openCompletedVisit> {
  let cal: Calendar | undefined;
  afterEach(async () => {
    await cal?.clinic.close();
    cal = undefined;
  });
  return async () => {
    const visit = await openCompletedVisit();
    cal = visit.cal;
    return visit;
  };
}
