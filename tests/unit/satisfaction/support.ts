import { afterEach } from 'vitest';
import type { InputOf } from '../../../src-shared/contract/index';
import { type MessagesClinic, openMessagesClinic } from '../messages/setup';

export interface SurveyClinic extends MessagesClinic {
  /** A visit booked for `startsAt` (the clock is moved there), arrived and completed; the clock stays at its end. */
  visit(patientId: number, startsAt: string, options?: { serviceIds?: number[] }): Promise<number>;
  /** Saves the survey settings: on, Google and RealSelf as review sites — with `changes`. */
  surveys(changes?: Partial<InputOf<'satisfaction.saveSettings'>>): Promise<void>;
  /** The outbox rows of one patient, oldest first. */
  outboxOf(patientId: number): { id: number; channel: string; kind: string; subject: string; body: string; status: string; dedupeKey: string }[];
}

export const SITES = [
  { name: 'Google', url: 'https://g.page/r/lumen-test/review' },
  { name: 'RealSelf', url: 'https://www.realself.com/review/lumen-test' },
];

/** The messages test clinic (Berlin, one practitioner, Botox 30 min and HydraFacial 60 min) with surveys on. */
export async function openSurveyClinic(now = '2026-03-02T08:00:00Z'): Promise<SurveyClinic> {
  const clinic = await openMessagesClinic(now);
  const sqlite = () => clinic.lumen.runtime.sqlite;
  const surveys: SurveyClinic['surveys'] = async (changes = {}) => {
    await clinic.call('satisfaction.saveSettings', { enabled: true, reviewSites: SITES, ...changes });
  };
  await surveys();
  return {
    ...clinic,
    surveys,
    async visit(patientId, startsAt, options = {}) {
      const id = await clinic.book(patientId, startsAt, options.serviceIds);
      await clinic.setNow(startsAt);
      await clinic.call('appointments.setStatus', { id, status: 'arrived' });
      const endsAt = sqlite().prepare('SELECT endsAt FROM appointment WHERE id = ?').pluck().get(id) as string;
      await clinic.setNow(endsAt);
      await clinic.call('appointments.setStatus', { id, status: 'completed' });
      return id;
    },
    outboxOf: (patientId) => sqlite().prepare('SELECT id, channel, kind, subject, body, status, dedupeKey FROM outbox WHERE patientId = ? ORDER BY id').all(patientId) as never,
  };
}

/** `start()` opens a survey clinic that is closed after the test. */
export function surveyClinics(): (now?: string) => Promise<SurveyClinic> {
  const open: SurveyClinic[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return async (now) => {
    const clinic = await openSurveyClinic(now);
    open.push(clinic);
    return clinic;
  };
}
