import { drainOutbox, seedMessageTemplates } from '../../../src-main/messages/index';
import type { OutboxMessage } from '../../../src-shared/contract/messages';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';
import { startMailSystem, type MailSystem } from '../../support/mail-server';
import { startSmsGateway, type SmsGateway } from '../../support/sms-gateway';

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
  /** Runs the reminder job the way the scheduler does, then the outbox drain (short timeouts); their two outcomes. */
  runJob(): Promise<string>;
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
      const written = clinic.lumen.scheduler.list().find((j) => j.name === 'reminders')!.lastMessage;
      return `${written} ${await drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS })}`;
    },
    async outbox(appointmentId) {
      return (await clinic.call('messages.outbox', appointmentId ? { appointmentId } : {})).rows;
    },
    templateId(name) {
      return sqlite().prepare('SELECT id FROM messageTemplate WHERE name = ?').pluck().get(name) as number;
    },
  };
}

/** Carrier timeouts in tests: a hanging server is given up on quickly. */
export const TEST_TIMEOUT_MS = 1500;

export interface Delivery {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  /** Email: the Message-ID; SMS: the gateway's id. */
  id: string;
}

export interface Carriers {
  mail: MailSystem;
  gateway: SmsGateway;
  /** What reached patients through the servers, emails then SMS (the clinic mailbox's Bcc copies left out). */
  delivered(): Delivery[];
  close(): Promise<void>;
}

/**
 * A real SMTP server and IMAP mailbox, and an SMS gateway, set up as the clinic's accounts through the registry.
 * `imap: false` leaves the mailbox unconfigured (no Bcc copy, no way to look a send up).
 */
export async function connectCarriers(clinic: TestClinic, options: { imap?: boolean; email?: boolean; sms?: boolean } = {}): Promise<Carriers> {
  const mail = await startMailSystem();
  const gateway = await startSmsGateway();
  if (options.email !== false) {
    await clinic.call('messages.saveAccount', {
      kind: 'smtp',
      settings: { host: '127.0.0.1', port: mail.smtpPort, security: 'none', user: mail.mailbox.user, fromName: 'Lumen Test Clinic', fromAddress: mail.mailbox.address, replyTo: null },
      secret: mail.mailbox.password,
    });
  }
  if (options.imap !== false) {
    await clinic.call('messages.saveAccount', { kind: 'imap', settings: { host: '127.0.0.1', port: mail.imapPort, security: 'none', user: mail.mailbox.user, mailbox: 'INBOX' }, secret: mail.mailbox.password });
  }
  if (options.sms !== false) {
    await clinic.call('messages.saveAccount', { kind: 'sms', settings: { baseUrl: gateway.baseUrl, accountId: gateway.account, fromNumber: gateway.clinicNumber }, secret: gateway.token });
  }
  return {
    mail,
    gateway,
    delivered: () => [
      ...mail.delivered.map((m) => ({ channel: 'email' as const, recipient: m.to.filter((to) => to !== mail.mailbox.address).join(','), subject: m.subject, body: m.text.trim(), id: m.messageId ?? '' })),
      ...gateway.messages.filter((m) => m.direction === 'outbound-api').map((m) => ({ channel: 'sms' as const, recipient: m.to, subject: '', body: m.body, id: m.sid })),
    ],
    close: async () => {
      await mail.close();
      await gateway.close();
    },
  };
}

/**
 * Test setup only: a message queued in the outbox as a person's reply or an opt-out's confirmation would be (no template, no appointment), due
 * now. Conversations are written by messages.send (another part of issue 18); the drain treats every kind alike.
 */
export function queueMessage(clinic: TestClinic, message: { patientId: number; channel: 'email' | 'sms'; body: string; subject?: string; urgent?: boolean; staffId?: number | null; kind?: 'conversation' | 'optOut' }): number {
  const sqlite = clinic.lumen.runtime.sqlite;
  const contact = sqlite.prepare('SELECT phone, email FROM patient WHERE id = ?').get(message.patientId) as { phone: string | null; email: string | null };
  const now = clinic.clock.now().toISOString();
  const id = (sqlite.prepare('SELECT coalesce(max(id), 0) + 1 FROM outbox').pluck().get() as number);
  sqlite
    .prepare(
      `INSERT INTO outbox (id, patientId, kind, channel, recipient, subject, body, dueAt, status, urgent, staffId, dedupeKey, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
    )
    .run(id, message.patientId, message.kind ?? 'conversation', message.channel, message.channel === 'sms' ? contact.phone : contact.email, message.subject ?? 'From the clinic', message.body, now, message.urgent ? 1 : 0, message.staffId ?? null, `test:${id}`, now, now);
  return id;
}

/** One outbox row as messages.outbox shows it. */
export async function outboxRow(clinic: TestClinic, id: number): Promise<OutboxMessage> {
  return (await clinic.call('messages.outbox', { limit: 500 })).rows.find((r) => r.id === id)!;
}
