import { deflateSync, crc32 } from 'node:zlib';
import type { ChartContent, Injection } from '../../../src-shared/contract/charts';
import type { InputOf } from '../../../src-shared/contract/index';
import { openTestClinic, STAFF_PASSWORD, type TestClinic } from '../../support/clinic';

export interface ChartClinic {
  clinic: TestClinic;
  patientId: number;
  services: { consult: number; botox: number; laser: number; peel: number };
  /** Books a visit of these services in sequence, one hour each, starting at `startsAt`. */
  book(startsAt: string, serviceIds: number[], patientId?: number): Promise<number>;
}

/** A clinic in Berlin with one patient and services whose categories carry the injectable, energy and skin forms. */
export async function openChartClinic(now = '2026-03-02T08:00:00Z'): Promise<ChartClinic> {
  const clinic = await openTestClinic({ now, timeZone: 'Europe/Berlin' });
  // Tests move the clock by hours; the desk should not lock in between.
  await clinic.call('settings.update', { idleLockMinutes: 240 });
  const category = async (name: string, chartTemplate: InputOf<'catalog.saveCategory'>['chartTemplate']) =>
    (await clinic.call('catalog.saveCategory', { name, color: '#3366cc', chartTemplate })).id;
  const service = async (categoryId: number, name: string, kind: 'consult' | 'treatment') =>
    (await clinic.call('catalog.saveService', { categoryId, name, kind, priceCents: 10_000, durationMinutes: 60 })).id;
  const consultations = await category('Chart consultations', 'general');
  const toxins = await category('Chart toxins', 'injectable');
  const lasers = await category('Chart lasers', 'energy');
  const peels = await category('Chart peels', 'skin');
  const services = {
    consult: await service(consultations, 'Consultation (chart)', 'consult'),
    botox: await service(toxins, 'Botox (chart)', 'treatment'),
    laser: await service(lasers, 'Laser hair removal (chart)', 'treatment'),
    peel: await service(peels, 'Chemical peel (chart)', 'treatment'),
  };
  const patientId = (await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', photoConsent: true })).id;
  const provider = (await clinic.call('staff.create', { username: 'paula', displayName: 'Paula Provider', role: 'practitioner', password: STAFF_PASSWORD })).id;

  async function book(startsAt: string, serviceIds: number[], forPatient = patientId): Promise<number> {
    const start = Date.parse(startsAt);
    const { id } = await clinic.call('appointments.book', {
      patientId: forPatient,
      segments: serviceIds.map((serviceId, i) => ({ serviceId, staffId: provider, startsAt: new Date(start + i * 3_600_000).toISOString() })),
      // No working hours are set up in these tests, so every visit is booked over "outside hours" on purpose.
      override: { reason: 'Test visit' },
    });
    return id;
  }
  return { clinic, patientId, services, book };
}

export function injection(overrides: Partial<Injection> = {}): Injection {
  return { site: 'Glabella', product: 'Botox 100U', units: 20, unit: 'U', lot: 'C1234A', expiry: '2026-12-31', ...overrides };
}

export function note(overrides: Partial<ChartContent> = {}): ChartContent {
  return {
    template: 'injectable',
    subjective: 'Wants softer frown lines.',
    objective: 'Dynamic glabellar lines.',
    assessment: 'Suitable for neurotoxin.',
    plan: 'Review in two weeks.',
    injections: [injection()],
    deviceSettings: [],
    consentFormRef: 'CF-2026-001',
    postCare: 'No massage for 24 h.',
    ...overrides,
  };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 2×1 RGB PNG (one red, one `green`-valued pixel), so different greens give different images. */
export function tinyPng(green = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, default compression/filter/interlace
  const scanline = Buffer.from([0, 255, 0, 0, 0, green, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(scanline)), chunk('IEND', Buffer.alloc(0))]);
}
