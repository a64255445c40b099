import { describe, expect, it } from 'vitest';
import { canonicalCode, namePart } from '../../../src-main/referrals/codes';
import { errorOf } from '../scheduling/calendar';
import { referralClinics } from './support';

const start = referralClinics();
const READABLE_CODE = /^[A-Z]{1,6}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{4}$/;

describe('referral codes', () => {
  it('are made on first ask from the first name, readable, unique and never change', async () => {
    const c = await start();
    const annas = await Promise.all(Array.from({ length: 40 }, (_, i) => c.patient('Ánna', `Number${i}`)));
    const codes = [];
    for (const patientId of annas) codes.push((await c.clinic.call('referrals.code', { patientId })).code);
    expect(codes.every((code) => READABLE_CODE.test(code) && code.startsWith('ANNA-'))).toBe(true);
    expect(new Set(codes).size).toBe(40);
    expect(await c.clinic.call('referrals.code', { patientId: annas[0] })).toEqual({ code: codes[0] });
    expect((await c.clinic.call('referrals.forPatient', { patientId: annas[0] })).code).toBe(codes[0]);
    expect(c.sql("SELECT count(*) AS n FROM audit WHERE entity = 'referralCode'")).toEqual([{ n: 40 }]);
  });

  it('reads a code however it is typed', () => {
    expect(canonicalCode('anna 7k3q')).toBe('ANNA-7K3Q');
    expect(canonicalCode('ANNA7K3Q')).toBe('ANNA-7K3Q');
    expect(namePart('Zoë-Ann')).toBe('ZOEANN');
    expect(namePart('美咲')).toBe('FRIEND');
  });

  it('a code typed for a new patient names the ambassador; an unknown code, the own code and a second referrer are refused', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const { code } = await c.clinic.call('referrals.code', { patientId: anna });
    const typed = code.toLowerCase().replace('-', ' ');
    expect(await c.clinic.call('referrals.lookupCode', { code: typed })).toMatchObject({ referrer: { id: anna, name: 'Anna Patient' } });
    expect(await errorOf(c.clinic.call('referrals.lookupCode', { code: 'NOBODY-2345' }))).toMatchObject({ code: 'not_found', details: { fieldErrors: { code: expect.anything() } } });

    const lena = await c.patient('Lena');
    expect(await c.clinic.call('referrals.applyCode', { patientId: lena, code: typed })).toMatchObject({ referredBy: { id: anna } });
    expect((await c.clinic.call('referrals.forPatient', { patientId: lena })).referredBy).toMatchObject({ id: anna });
    expect(await errorOf(c.clinic.call('referrals.applyCode', { patientId: anna, code }))).toMatchObject({ code: 'invalid_input' });
    const bea = await c.patient('Bea');
    const beaCode = (await c.clinic.call('referrals.code', { patientId: bea })).code;
    expect(await errorOf(c.clinic.call('referrals.applyCode', { patientId: lena, code: beaCode }))).toMatchObject({ code: 'conflict' });
    expect((await c.clinic.call('referrals.forPatient', { patientId: lena })).referredBy).toMatchObject({ id: anna });
    expect(await errorOf(c.clinic.call('referrals.applyCode', { patientId: lena, code: 'NOBODY-2345' }))).toMatchObject({ code: 'not_found' });
    // A patient never refers themselves, by code or by hand.
    expect(await errorOf(c.clinic.call('patients.update', { id: anna, patch: { referredByPatientId: anna } }))).toMatchObject({ code: 'invalid_input' });
  });

  it('lets a practitioner see referrals but only those who edit patients make codes', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const practitioner = await c.clinic.as('practitioner');
    expect(await practitioner.call('referrals.forPatient', { patientId: anna })).toMatchObject({ code: null, referred: [] });
    const manager = await c.clinic.as('manager');
    expect(READABLE_CODE.test((await manager.call('referrals.code', { patientId: anna })).code)).toBe(true);
  });

  it('a merged record’s code names the record it was merged into', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const duplicate = await c.patient('Anna', 'Duplicate');
    const { code } = await c.clinic.call('referrals.code', { patientId: duplicate });
    await c.clinic.call('patients.merge', { keepId: anna, mergeId: duplicate });
    expect(await c.clinic.call('referrals.lookupCode', { code })).toMatchObject({ referrer: { id: anna } });
    expect(await errorOf(c.clinic.call('referrals.code', { patientId: duplicate }))).toMatchObject({ code: 'invalid_transition' });
  });

  it('a card shows the clinic, the first name and a QR code of the code, or of the booking page with ?ref=', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    expect(await errorOf(c.clinic.call('referrals.card', { patientId: anna }))).toMatchObject({ code: 'not_found' });
    const { code } = await c.clinic.call('referrals.code', { patientId: anna });
    const card = await c.clinic.call('referrals.card', { patientId: anna });
    expect(card).toMatchObject({ firstName: 'Anna', code, qrText: code });
    expect(card.clinicName.length).toBeGreaterThan(0);
    expect(card.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    await c.referrals({ bookingUrl: 'https://clinic.example/book?lang=en' });
    const linked = await c.clinic.call('referrals.card', { patientId: anna });
    expect(linked.qrText).toBe(`https://clinic.example/book?lang=en&ref=${code}`);
    expect(linked.qrSvg).not.toBe(card.qrSvg);
  });
});
