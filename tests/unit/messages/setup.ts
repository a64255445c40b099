import type { MessageTransport } from '../../../src-main/core/runtime';
import { seedMessageTemplates } from '../../../src-main/messages/index';
import type { OutboxMessage } from '../../../src-shared/contract/messages';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';

export interface MessagesClinic extends TestClinic {
  practitionerId: number;
  botoxId: number;
  facialId: number;
  /** Patient with SMS and email consent unless told otherwise. */
  patient(fields?: { firstName?: string; preferredName?: string; phone?: string | null; email?: string | null; doNotContact?: boolean; consent?: ('sms' | 'email')[] }): Promise<number>;
  book(patientId: number, startsAt: string, serviceIds?: number[]): Promise<number>;
  move(appointmentId: number, startsAt: string): Promise<void>;
  cancel(appointmentId: number): Promise<void>;
  /** Moves the clock (the desk's idle lock is lifted again, as the user would). */
  setNow(iso: string): Promise<void>;
  /** Runs the reminder job the way the scheduler does and waits for it. */
  runJob(): Promise<string | null>;
  outbox(appointmentId?: number): Promise<OutboxMessage[]>;
  templateId(name: string): number;
}

/** A Berlin clinic with the default templates, one practitioner and two services with prep instructions. */
export async function openMessagesClinic(now: string): Promise<MessagesClinic> {
  const clinic = await openTestClinic({ now, timeZone: 'Europe/Berlin' });
  const sqlite = () => clinic.lumen.runtime.sqlite;
  await clinic.call('settings.update', { phone: '+49 30 1234567' });
  seedMessageTemplates(sqlite(), clinic.clock.now());
  const { id: practitionerId } = await clinic.call('staff.create', { username: 'petra', displayName: 'Dr. Petra Weiss', role: 'practitioner', password: 'staff-password-42' });
  const categories = await clinic.call('catalog.categories', { includeInactive: false });
  const categoryId = (name: string) => categories.find((c) => c.name === name)!.id;
  const { id: botoxId } = await clinic.call('catalog.saveService', { categoryId: categoryId('Neurotoxin'), name: 'Botox forehead', kind: 'treatment', priceCents: 30000, durationMinutes: 30 });
  const { id: facialId } = await clinic.call('catalog.saveService', { categoryId: categoryId('HydraFacial'), name: 'HydraFacial', kind: 'treatment', priceCents: 15000, durationMinutes: 60 });
  await clinic.call('scheduling.setHours', { staffId: practitionerId, intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startsAt: '07:00', endsAt: '21:00' })) });
  await clinic.call('scheduling.setServiceRules', { serviceId: botoxId, providerIds: [], prepInstructions: 'Please avoid alcohol and blood thinners for 24 hours before.' });

  let patients = 0;

  return {
    ...clinic,
    practitionerId,
    botoxId,
    facialId,
    async patient(fields = {}) {
      patients++;
      const { consent = ['sms', 'email'], phone = `+49 151 234567${10 + patients}`, email = `patient${patients}@example.com`, ...rest } = fields;
      const { id } = await clinic.call('patients.create', {
        firstName: rest.firstName ?? 'Anastasia',
        lastName: `Lima${'abcdefghijklmnop'[patients]}`,
        ...(rest.preferredName ? { preferredName: rest.preferredName } : {}),
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        ...(rest.doNotContact ? { doNotContact: true } : {}),
      });
      for (const channel of consent) await clinic.call('patients.setConsent', { patientId: id, channel, granted: true, source: 'form' });
      return id;
    },
    async book(patientId, startsAt, serviceIds = [botoxId]) {
      let cursor = new Date(startsAt).getTime();
      const segments = serviceIds.map((serviceId) => {
        const segment = { serviceId, staffId: practitionerId, startsAt: new Date(cursor).toISOString() };
        cursor += (serviceId === botoxId ? 30 : 60) * 60_000;
        return segment;
      });
      return (await clinic.call('appointments.book', { patientId, segments })).id;
    },
    async move(appointmentId, startsAt) {
      await clinic.call('appointments.move', { id: appointmentId, startsAt });
    },
    async cancel(appointmentId) {
      await clinic.call('appointments.cancel', { id: appointmentId, reason: 'patient called' });
    },
    async setNow(iso) {
      clinic.clock.set(iso);
      await clinic.call('auth.unlock', { password: OWNER.password });
    },
    async runJob() {
      await clinic.lumen.scheduler.runNow('reminders');
      await clinic.lumen.scheduler.idle();
      return clinic.lumen.scheduler.list().find((j) => j.name === 'reminders')!.lastMessage;
    },
    async outbox(appointmentId) {
      return (await clinic.call('messages.outbox', appointmentId ? { appointmentId } : {})).rows;
    },
    templateId(name) {
      return sqlite().prepare('SELECT id FROM messageTemplate WHERE name = ?').pluck().get(name) as number;
    },
  };
}

/** A transport that records what it was given and answers as told. */
export function fakeTransport(answer: () => { ok: true } | { ok: false; error: string } = () => ({ ok: true })) {
  const sent: Parameters<MessageTransport['send']>[0][] = [];
  const transport: MessageTransport = {
    name: 'fake',
    async send(message) {
      sent.push(message);
      return answer();
    },
  };
  return { transport, sent };
}
