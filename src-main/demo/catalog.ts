import { STARTER_CATEGORIES } from '../catalog/index';
import type { ServiceTable } from '../core/schema';
import type { DemoContext } from './context';

/** Practitioner titles, as the booking rules name them. */
export type Title = 'MD' | 'NP' | 'PA' | 'RN' | 'Aesthetician' | 'Laser tech';

const INJECTORS: readonly Title[] = ['MD', 'NP', 'PA', 'RN'];

interface DemoCategory {
  key: string;
  name: string;
  color: string;
  maintenanceIntervalDays: number | null;
  averageSaleCents: number;
  /** Who may perform its services (serviceProvider rows); per service for consultations. */
  providers: readonly Title[];
  roomKind?: string;
  deviceKind?: string;
  prepInstructions?: string;
  services: readonly (readonly [name: string, kind: ServiceTable['kind'], priceCents: number, durationMinutes: number, intervalOverrideDays?: number | null, providers?: readonly Title[]])[];
}

/** A Manhattan med spa's menu at 2026 prices, booked in the short slots a busy injector or laser room runs on. Only retail is taxable (NY exempts these services). */
const categories: readonly DemoCategory[] = [
  {
    key: 'neurotoxin', name: 'Neurotoxin', color: '#7c3aed', maintenanceIntervalDays: 90, averageSaleCents: 52000,
    providers: INJECTORS, prepInstructions: 'Avoid alcohol, aspirin and fish oil for 24 hours before; come without make-up.',
    services: [
      ['Botox — forehead & frown lines (up to 40 units)', 'treatment', 56000, 20],
      ['Botox — crow’s feet', 'treatment', 36000, 15],
      ['Dysport — full upper face', 'treatment', 62000, 25],
      ['Xeomin — frown lines', 'treatment', 32000, 15],
      ['Botox lip flip', 'treatment', 15000, 10, 60],
    ],
  },
  {
    key: 'filler', name: 'Dermal filler', color: '#db2777', maintenanceIntervalDays: 270, averageSaleCents: 82000,
    providers: INJECTORS, prepInstructions: 'Avoid blood thinners, aspirin and alcohol for 48 hours before to limit bruising.',
    services: [
      ['Juvéderm Ultra XC — lips (1 syringe)', 'treatment', 75000, 30],
      ['Juvéderm Voluma — cheeks (1 syringe)', 'treatment', 85000, 45, 365],
      ['Restylane Lyft — jawline (1 syringe)', 'treatment', 80000, 40],
      ['RHA 2 — nasolabial folds (1 syringe)', 'treatment', 75000, 30],
      ['Sculptra — per vial', 'treatment', 90000, 45, 540],
      ['Filler dissolve (hyaluronidase)', 'treatment', 40000, 30],
    ],
  },
  {
    key: 'peel', name: 'Chemical peel', color: '#f59e0b', maintenanceIntervalDays: 42, averageSaleCents: 24000,
    providers: ['Aesthetician', 'RN', 'NP'], prepInstructions: 'Stop retinoids 5 days before; no waxing or sunburn on the area.',
    services: [
      ['Glycolic peel', 'treatment', 15000, 25],
      ['VI Peel', 'treatment', 35000, 30],
      ['Perfect Derma peel', 'treatment', 45000, 35],
    ],
  },
  {
    key: 'hydrafacial', name: 'HydraFacial', color: '#0ea5e9', maintenanceIntervalDays: 30, averageSaleCents: 23500,
    providers: ['Aesthetician', 'RN', 'Laser tech'], roomKind: 'facial', deviceKind: 'hydrafacial', prepInstructions: 'Stop retinoids 2 days before; come without make-up if you can.',
    services: [
      ['HydraFacial Signature', 'treatment', 19900, 30],
      ['HydraFacial Deluxe', 'treatment', 24900, 45],
      ['HydraFacial Platinum', 'treatment', 29900, 60],
    ],
  },
  {
    key: 'laserHair', name: 'Laser hair removal', color: '#10b981', maintenanceIntervalDays: 42, averageSaleCents: 28000,
    providers: ['Laser tech', 'RN'], roomKind: 'laser', deviceKind: 'laser', prepInstructions: 'Shave the area the day before; no waxing, plucking or tanning for 4 weeks.',
    services: [
      ['Laser hair removal — upper lip', 'treatment', 9900, 10],
      ['Laser hair removal — underarms', 'treatment', 15000, 15],
      ['Laser hair removal — Brazilian', 'treatment', 30000, 25],
      ['Laser hair removal — full legs', 'treatment', 45000, 50],
      ['Laser hair removal — underarms, 6 sessions', 'package', 75000, 20],
    ],
  },
  {
    key: 'ipl', name: 'IPL photofacial', color: '#ef4444', maintenanceIntervalDays: 28, averageSaleCents: 42000,
    providers: ['Laser tech', 'RN'], roomKind: 'laser', deviceKind: 'ipl', prepInstructions: 'No sun exposure or self-tanner for 2 weeks before.',
    services: [
      ['IPL photofacial — face', 'treatment', 40000, 35],
      ['IPL photofacial — face & neck', 'treatment', 50000, 45],
      ['IPL photofacial — hands', 'treatment', 25000, 20],
    ],
  },
  {
    key: 'microneedling', name: 'Microneedling', color: '#8b5cf6', maintenanceIntervalDays: 42, averageSaleCents: 45000,
    providers: ['Aesthetician', 'RN', 'NP'], roomKind: 'treatment', prepInstructions: 'Stop retinoids 5 days before; no active cold sores.',
    services: [
      ['Microneedling — face', 'treatment', 35000, 60],
      ['Microneedling with PRP', 'treatment', 65000, 75],
      ['Microneedling — 3 sessions', 'package', 90000, 60],
    ],
  },
  {
    key: 'body', name: 'Body contouring', color: '#64748b', maintenanceIntervalDays: 56, averageSaleCents: 95000,
    providers: ['Laser tech', 'Aesthetician'], roomKind: 'treatment', deviceKind: 'body', prepInstructions: 'Wear comfortable clothes; drink plenty of water the day before.',
    services: [
      ['CoolSculpting — one applicator', 'treatment', 80000, 40],
      ['Emsculpt NEO — one session', 'treatment', 90000, 30],
      ['Emsculpt NEO — 4 sessions', 'package', 300000, 30],
    ],
  },
  {
    key: 'retail', name: 'Skincare retail', color: '#a16207', maintenanceIntervalDays: null, averageSaleCents: 11000,
    providers: [],
    services: [
      ['SkinCeuticals C E Ferulic 30 ml', 'product', 18200, 0],
      ['EltaMD UV Clear SPF 46', 'product', 4100, 0],
      ['Alastin Regenerating Skin Nectar', 'product', 21500, 0],
      ['ZO Skin Health Exfoliating Cleanser', 'product', 5200, 0],
      ['Revision Intellishade TruPhysical SPF 45', 'product', 8200, 0],
    ],
  },
  {
    key: 'consult', name: 'Consultations', color: '#475569', maintenanceIntervalDays: null, averageSaleCents: 2500,
    providers: [],
    services: [
      // No provider rows: any active practitioner may give it.
      ['Complimentary consultation', 'consult', 0, 20],
      ['Medical aesthetic consultation', 'consult', 7500, 30, null, ['MD', 'NP', 'PA']],
      ['Laser & skin consultation', 'consult', 0, 20, null, ['Laser tech', 'Aesthetician', 'RN']],
      ['Follow-up visit', 'consult', 0, 10, null, INJECTORS],
    ],
  },
];

const referralSources = [
  ['Google Ads', 'search', 350000],
  ['Google search / SEO', 'online', 120000],
  ['Instagram', 'social', 180000],
  ['Facebook', 'social', 90000],
  ['TikTok', 'social', 60000],
  ['Yelp', 'online', 40000],
  ['RealSelf', 'online', 30000],
  ['Referral program', 'referral', 25000],
  ['Walk-in', 'walk-in', 0],
  ['Local magazine', 'print', 75000],
  ['Events & pop-ups', 'event', 50000],
  ['Other', 'other', 0],
] as const;

export type ReferralSourceName = (typeof referralSources)[number][0];

const tags = [
  ['VIP', '#b45309'],
  ['Prefers texts', '#0284c7'],
  ['Needs interpreter', '#7c3aed'],
  ['Bridal 2027', '#db2777'],
  ['Membership interest', '#059669'],
  ['Sensitive skin', '#dc2626'],
  ['Staff family', '#475569'],
] as const;

export type TagName = (typeof tags)[number][0];

/** What the calendar needs to know of a service. */
export interface DemoService {
  id: number;
  name: string;
  categoryKey: string;
  kind: ServiceTable['kind'];
  priceCents: number;
  durationMinutes: number;
  providers: readonly Title[];
  roomKind: string | null;
  deviceKind: string | null;
  /** Days until the patient is due again (the service's own interval, else its category's). */
  intervalDays: number | null;
  chartTemplate: 'injectable' | 'energy' | 'skin' | 'general';
}

export interface DemoCatalog {
  categoryIds: Record<string, number>;
  serviceIds: number[];
  services: DemoService[];
  referralSourceIds: Record<ReferralSourceName, number>;
  tagIds: Record<TagName, number>;
}

export function writeCatalog(ctx: DemoContext): DemoCatalog {
  const { sqlite } = ctx;
  const insertCategory = sqlite.prepare(
    'INSERT INTO serviceCategory (name, color, maintenanceIntervalDays, averageSaleCents, sortOrder, chartTemplate) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertService = sqlite.prepare(
    `INSERT INTO service (categoryId, name, kind, priceCents, durationMinutes, taxable, intervalOverrideDays, roomKind, deviceKind, prepInstructions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const catalog: DemoCatalog = { categoryIds: {}, serviceIds: [], services: [], referralSourceIds: {} as DemoCatalog['referralSourceIds'], tagIds: {} as DemoCatalog['tagIds'] };
  categories.forEach((c, order) => {
    const chartTemplate = STARTER_CATEGORIES.find((s) => s.name === c.name)?.chartTemplate ?? 'general';
    const categoryId = Number(insertCategory.run(c.name, c.color, c.maintenanceIntervalDays, c.averageSaleCents, order, chartTemplate).lastInsertRowid);
    catalog.categoryIds[c.key] = categoryId;
    for (const [name, kind, priceCents, durationMinutes, intervalOverrideDays, providers] of c.services) {
      const taxable = kind === 'product' ? 1 : 0;
      const roomKind = c.roomKind ?? null;
      const deviceKind = c.deviceKind ?? null;
      const id = Number(
        insertService.run(categoryId, name, kind, priceCents, durationMinutes, taxable, intervalOverrideDays ?? null, roomKind, deviceKind, c.prepInstructions ?? '').lastInsertRowid,
      );
      catalog.serviceIds.push(id);
      catalog.services.push({ id, name, categoryKey: c.key, kind, priceCents, durationMinutes, providers: providers ?? c.providers, roomKind, deviceKind,
        intervalDays: intervalOverrideDays ?? c.maintenanceIntervalDays, chartTemplate,
      });
    }
  });
  const insertSource = sqlite.prepare('INSERT INTO referralSource (name, channel, monthlyCostCents) VALUES (?, ?, ?)');
  for (const [name, channel, monthlyCostCents] of referralSources) {
    catalog.referralSourceIds[name] = Number(insertSource.run(name, channel, monthlyCostCents).lastInsertRowid);
  }
  const insertTag = sqlite.prepare('INSERT INTO tag (name, color) VALUES (?, ?)');
  for (const [name, color] of tags) catalog.tagIds[name] = Number(insertTag.run(name, color).lastInsertRowid);
  return catalog;
}
