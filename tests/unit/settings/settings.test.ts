import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, SCHEMA_VERSION } from '../../../src-main/core/db';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(async () => clinic?.close());

describe('clinic settings', () => {
  it('changes only the fields given, validates them, and keeps planning assumptions in integer units', async () => {
    clinic = await openTestClinic();
    const updated = await clinic.call('settings.update', { weeklySalesTargetCents: 2_500_000, leadToConsultRateBp: 3500, address: { line1: 'Neue Str. 5', city: 'Berlin', country: 'DE' } });
    expect(updated).toMatchObject({ name: 'Lumen Test Clinic', weeklySalesTargetCents: 2_500_000, leadToConsultRateBp: 3500, address: { line1: 'Neue Str. 5' } });
    await expect(clinic.call('settings.update', { timeZone: 'Europe/Atlantis' })).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { timeZone: expect.anything() } } });
    await expect(clinic.call('settings.update', { weeklySalesTargetCents: 12.5 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('settings.update', { currency: 'euro' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await clinic.call('settings.get', {})).timeZone).toBe('Europe/Berlin');
    const desk = await clinic.as('frontDesk');
    await expect(desk.call('settings.update', { name: 'Hijacked' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await desk.call('settings.get', {})).name).toBe('Lumen Test Clinic');
  });

  it('keeps one default tax rate and refuses overlapping opening hours', async () => {
    clinic = await openTestClinic();
    const vat = await clinic.call('settings.saveTaxRate', { name: 'VAT 19%', rateMillipercent: 19_000, isDefault: true });
    await clinic.call('settings.saveTaxRate', { name: 'VAT 7%', rateMillipercent: 7_000, isDefault: true });
    const rates = await clinic.call('settings.taxRates', {});
    expect(rates.map((r) => [r.name, r.isDefault])).toEqual([['VAT 7%', true], ['VAT 19%', false]]);
    await expect(clinic.call('settings.saveTaxRate', { name: 'vat 19%', rateMillipercent: 1 })).rejects.toMatchObject({ code: 'conflict' });
    await clinic.call('settings.saveTaxRate', { id: vat.id, name: 'VAT 19%', rateMillipercent: 19_000, active: false });

    const hours = [
      { weekday: 1, opensAt: '09:00', closesAt: '13:00' },
      { weekday: 1, opensAt: '14:00', closesAt: '19:00' },
      { weekday: 6, opensAt: '10:00', closesAt: '14:00' },
    ];
    await clinic.call('settings.setOpeningHours', { intervals: hours });
    expect(await clinic.call('settings.openingHours', {})).toEqual(hours);
    await expect(clinic.call('settings.setOpeningHours', { intervals: [{ weekday: 2, opensAt: '18:00', closesAt: '09:00' }] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await clinic.call('settings.openingHours', {})).toEqual(hours);
  });
});

describe('service catalog', () => {
  it('keeps categories with maintenance intervals; a service may override its category’s interval', async () => {
    clinic = await openTestClinic();
    const toxin = (await clinic.call('catalog.categories', {})).find((c) => c.name === 'Neurotoxin')!;
    const botox = await clinic.call('catalog.saveService', { categoryId: toxin.id, name: 'Botox – forehead', kind: 'treatment', priceCents: 35_000, durationMinutes: 30 });
    const masseter = await clinic.call('catalog.saveService', { categoryId: toxin.id, name: 'Masseter', kind: 'treatment', priceCents: 60_000, durationMinutes: 30, intervalOverrideDays: 120 });
    const services = await clinic.call('catalog.services', { categoryId: toxin.id });
    expect(services.map((s) => [s.name, s.maintenanceIntervalDays])).toEqual([['Botox – forehead', 90], ['Masseter', 120]]);
    await expect(clinic.call('catalog.saveService', { categoryId: toxin.id, name: 'masseter', kind: 'treatment', priceCents: 1, durationMinutes: 1 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(clinic.call('catalog.saveService', { categoryId: 9999, name: 'Ghost', kind: 'treatment', priceCents: 1, durationMinutes: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(clinic.call('catalog.saveService', { categoryId: toxin.id, name: 'Cheap', kind: 'treatment', priceCents: 19.99, durationMinutes: 1 })).rejects.toMatchObject({ code: 'invalid_input' });
    await clinic.call('catalog.saveService', { id: botox.id, categoryId: toxin.id, name: 'Botox – forehead', kind: 'treatment', priceCents: 37_500, durationMinutes: 30, active: false });
    expect((await clinic.call('catalog.services', { q: 'botox' })).length).toBe(0);
    expect((await clinic.call('catalog.services', { q: 'botox', includeInactive: true }))[0]).toMatchObject({ priceCents: 37_500, active: false });
    expect(masseter.id).toBeGreaterThan(botox.id);

    const source = await clinic.call('catalog.saveReferralSource', { name: 'Instagram', channel: 'social', monthlyCostCents: 150_000 });
    const { id: patient } = await clinic.call('patients.create', { firstName: 'Ina', lastName: 'Gram', referralSourceId: source.id });
    expect((await clinic.call('patients.get', { id: patient })).referralSource).toEqual({ id: source.id, name: 'Instagram' });
  });
});

describe('database versions', () => {
  it('refuses a database written by a newer Lumen with a clear message and leaves it untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lumen-newer-'));
    try {
      const file = join(dir, DATABASE_FILE);
      const raw = new BetterSqlite3(file);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      await expect(openDatabase(file)).rejects.toThrow(/newer version of Lumen/);
      const check = new BetterSqlite3(file);
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
      check.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
