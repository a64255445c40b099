import type { ChartContent, DeviceSetting, Injection } from '../../src-shared/contract/charts';
import { isoOf } from '../../src-shared/time';
import { DAY_MS } from './calendar';
import type { DemoService } from './catalog';
import type { Random } from './random';

type Site = readonly [site: string, min: number, max: number];

/** What a syringe or vial of each injectable holds, and where it goes. */
const injectables: Record<string, { product: string; unit: Injection['unit']; sites: readonly Site[] }> = {
  'Botox — forehead & frown lines (up to 40 units)': { product: 'Botox Cosmetic', unit: 'U', sites: [['Frontalis', 8, 16], ['Glabella', 16, 24]] },
  'Botox — crow’s feet': { product: 'Botox Cosmetic', unit: 'U', sites: [['Lateral canthus, left', 8, 12], ['Lateral canthus, right', 8, 12]] },
  'Dysport — full upper face': { product: 'Dysport', unit: 'U', sites: [['Frontalis', 20, 30], ['Glabella', 40, 50], ['Lateral canthus, both', 30, 40]] },
  'Xeomin — frown lines': { product: 'Xeomin', unit: 'U', sites: [['Glabella', 16, 24]] },
  'Botox lip flip': { product: 'Botox Cosmetic', unit: 'U', sites: [['Upper lip, orbicularis oris', 4, 6]] },
  'Juvéderm Ultra XC — lips (1 syringe)': { product: 'Juvéderm Ultra XC', unit: 'ml×0.1', sites: [['Upper lip', 4, 6], ['Lower lip', 4, 6]] },
  'Juvéderm Voluma — cheeks (1 syringe)': { product: 'Juvéderm Voluma XC', unit: 'ml×0.1', sites: [['Cheek, left', 4, 6], ['Cheek, right', 4, 6]] },
  'Restylane Lyft — jawline (1 syringe)': { product: 'Restylane Lyft', unit: 'ml×0.1', sites: [['Jawline, left', 4, 6], ['Jawline, right', 4, 6]] },
  'RHA 2 — nasolabial folds (1 syringe)': { product: 'RHA 2', unit: 'ml×0.1', sites: [['Nasolabial fold, left', 4, 6], ['Nasolabial fold, right', 4, 6]] },
  'Sculptra — per vial': { product: 'Sculptra Aesthetic', unit: 'ml×0.1', sites: [['Temple, left', 15, 25], ['Temple, right', 15, 25], ['Cheek, both', 30, 40]] },
  'Filler dissolve (hyaluronidase)': { product: 'Hylenex', unit: 'U', sites: [['Upper lip', 10, 30]] },
};

const energy: Record<string, { device: string; wavelengths: readonly number[]; fluence: readonly [number, number]; spot: readonly string[]; pulse: string | null }> = {
  laserHair: { device: 'GentleMax Pro', wavelengths: [755, 1064], fluence: [12, 22], spot: ['12', '15', '18'], pulse: '3' },
  ipl: { device: 'Lumecca IPL', wavelengths: [515, 560, 590], fluence: [10, 18], spot: ['15'], pulse: '10' },
  body: { device: 'Emsculpt NEO', wavelengths: [], fluence: [0, 0], spot: [], pulse: null },
};

const soap: Record<ChartContent['template'], readonly [subjective: string, objective: string, assessment: string, plan: string, postCare: string][]> = {
  injectable: [
    ['Wants softer frown lines before an event.', 'Dynamic rhytids, moderate at rest. No contraindications today.', 'Good candidate; consented.', 'Review in 2 weeks if asymmetry.', 'No lying down for 4 hours, no exercise or massage today.'],
    ['Returning for maintenance; happy with last result.', 'Mild return of movement. Skin intact, no infection.', 'Maintenance treatment as planned.', 'Rebook in about 3 months.', 'Avoid heat and alcohol for 24 hours; ice for swelling.'],
    ['Would like more volume, natural look.', 'Mild volume loss, symmetric. Aspirated before each bolus.', 'Treated as planned; no blanching.', 'Photos at 2 weeks.', 'Cold compress, arnica if bruising, call if pain or skin colour change.'],
  ],
  energy: [
    ['Course continuing, reduction noticed.', 'Fitzpatrick II–IV, area shaved, no tan.', 'Tolerated well, expected erythema.', 'Next session in 4–6 weeks.', 'SPF 50, no hot baths or sun for 48 hours.'],
    ['Sun spots on cheeks bother her.', 'Scattered lentigines, no active lesions.', 'Treated with test spots first; good response.', 'Repeat in 4 weeks.', 'Spots will darken then flake; SPF daily.'],
  ],
  skin: [
    ['Dull skin, wants a refresh.', 'Congested T-zone, mild dehydration.', 'Good tolerance, no reaction.', 'Monthly maintenance suggested.', 'No retinoids for 48 hours, gentle cleanser, SPF.'],
    ['Acne scarring on cheeks.', 'Rolling scars, skin intact, no active acne.', 'Treated to pinpoint bleeding as planned.', 'Series of 3, 4–6 weeks apart.', 'No make-up for 24 hours, fragrance-free moisturiser.'],
  ],
  general: [['Follow-up as planned.', 'Healing well.', 'No concerns.', 'Continue plan.', '']],
};

/** Lots rotate as new stock arrives; each lot expires well after the last visit it is used on. */
export class LotBook {
  private readonly current = new Map<string, { lot: string; expiryMs: number; untilMs: number }>();
  /** product\tlot → expiry and last use, for the productLot pick-list. */
  readonly used = new Map<string, { product: string; lot: string; expiry: string; lastUsedAt: string }>();

  constructor(private readonly rng: Random) {}

  lotFor(product: string, atMs: number): { lot: string; expiry: string } {
    let lot = this.current.get(product);
    if (!lot || lot.untilMs <= atMs) {
      const prefix = product.replace(/[^A-Z]/g, '').slice(0, 2) || 'LT';
      lot = { lot: `${prefix}${this.rng.int(10000, 99999)}${String.fromCharCode(65 + this.rng.int(0, 25))}`, untilMs: atMs + this.rng.int(30, 60) * DAY_MS, expiryMs: 0 };
      lot.expiryMs = lot.untilMs + this.rng.int(120, 540) * DAY_MS;
      this.current.set(product, lot);
    }
    const expiry = isoOf(lot.expiryMs).slice(0, 10);
    const key = `${product}\t${lot.lot}`;
    const lastUsedAt = isoOf(atMs);
    const entry = this.used.get(key);
    if (entry) entry.lastUsedAt = lastUsedAt;
    else this.used.set(key, { product, lot: lot.lot, expiry, lastUsedAt });
    return { lot: lot.lot, expiry };
  }
}

/** The signed note of a completed treatment visit, shaped like ChartContent. */
export function chartContent(rng: Random, lots: LotBook, treatments: readonly DemoService[], atMs: number, areaOf: (s: DemoService) => string): ChartContent {
  const template = treatments[0].chartTemplate;
  const injections: Injection[] = [];
  const deviceSettings: DeviceSetting[] = [];
  for (const service of treatments) {
    const injectable = injectables[service.name];
    if (injectable) {
      const { lot, expiry } = lots.lotFor(injectable.product, atMs);
      for (const [site, min, max] of injectable.sites) injections.push({ site, product: injectable.product, units: rng.int(min, max), unit: injectable.unit, lot, expiry });
    }
    const device = energy[service.categoryKey];
    if (device) {
      const [lo, hi] = device.fluence;
      deviceSettings.push({
        device: device.device,
        area: areaOf(service),
        wavelengthNm: device.wavelengths.length ? rng.pick(device.wavelengths) : null,
        fluence: hi ? String(rng.int(lo, hi)) : null,
        spotSizeMm: device.spot.length ? rng.pick(device.spot) : null,
        pulseMs: device.pulse,
        passes: rng.int(1, 3),
      });
    }
  }
  const [subjective, objective, assessment, plan, postCare] = rng.pick(soap[template]);
  return { template, subjective, objective, assessment, plan, injections, deviceSettings, consentFormRef: `CF-${isoOf(atMs).slice(0, 4)}-${rng.int(10000, 99999)}`, postCare };
}
