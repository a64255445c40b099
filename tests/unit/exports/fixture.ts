import { newId } from '../../../src-main/core/workstation';
import { openCompletedVisit } from '../checkout/visit';

/**
 * A Berlin clinic (19 % VAT) with a completed, paid visit of Lena Vogel and a patient with everything a list shows:
 * accents, a cell a spreadsheet would run, tags, consents, allergies, medications, stored value and points.
 */
export async function openExportClinic() {
  const visit = await openCompletedVisit();
  const { clinic, services, ana, appointmentId } = visit;
  await clinic.call('settings.update', { idleLockMinutes: 240 });
  const draft = await clinic.call('invoices.createDraft', { appointmentId });
  const { invoice } = await clinic.call('checkout.commit', { id: draft.id, tenders: [{ tender: 'card', amountCents: draft.totalCents, reference: 'VISA 4242' }] });
  const zoe = (
    await clinic.call('patients.create', {
      firstName: 'Zoë',
      lastName: 'Ångström-Nuñez',
      dateOfBirth: '1990-05-17',
      email: 'zoe.angstrom@example.com',
      phone: '+49 30 1234567',
      address: { line1: 'Müllerstraße 5', city: '=HYPERLINK("http://evil.example","click")', postalCode: '13353', country: 'DE' },
      notes: 'Prefers late afternoons; sister of Ingrid Ångström',
    })
  ).id;
  const vip = (await clinic.call('tags.save', { name: 'VIP', color: '#aa3366' })).id;
  const blog = (await clinic.call('tags.save', { name: 'Blog reader', color: '#3366aa' })).id;
  await clinic.call('patients.setTags', { patientId: zoe, tagIds: [vip, blog] });
  await clinic.call('patients.setConsent', { patientId: zoe, channel: 'email', granted: true, source: 'form' });
  await clinic.call('patients.setConsent', { patientId: zoe, channel: 'sms', granted: false, source: 'form' });
  await clinic.call('clinical.update', {
    patientId: zoe,
    allergies: [{ substance: 'Penicillin', reaction: 'hives', severity: 'severe' }, { substance: 'Latex', severity: 'mild' }],
    medications: [{ name: 'Ibuprofen', dose: '400 mg' }],
    medicalHistory: 'Keloid scarring after a 2019 operation.',
    contraindications: [],
    expectationsNote: '',
  });
  await clinic.call('loyalty.adjust', { patientId: zoe, points: 250, reason: 'Welcome points' });
  // Store credit given by hand (no method gives it without a sale): one ledger entry, as a refund would write it.
  const sqlite = clinic.lumen.runtime.sqlite;
  sqlite
    .prepare("INSERT INTO storedValueEntry (id, patientId, amountCents, kind, note, at, by) VALUES (?, ?, 12345, 'storeCredit', 'Goodwill', ?, NULL)")
    .run(newId(sqlite, 'storedValueEntry'), zoe, '2026-03-02T12:00:00.000Z');
  return { ...visit, invoice, zoe, services, ana };
}
