import { afterEach, describe, expect, it } from 'vitest';
import type { TestClinic } from '../../support/clinic';
import { pdfText } from '../../support/pdf-text';
import { openExportClinic } from '../exports/fixture';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('a patient’s access request', () => {
  it('gives the complete record as JSON (clinical record, consents, ledgers, invoices) and a PDF with their name', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const access = await clinic.call('privacy.access', { patientId: setup.zoe });
    const record = JSON.parse(Buffer.from(access.json.base64, 'base64').toString('utf8')) as { patient: Record<string, unknown>; tables: Record<string, Record<string, unknown>[]> };
    expect(record.patient).toMatchObject({ firstName: 'Zoë', lastName: 'Ångström-Nuñez', email: 'zoe.angstrom@example.com' });
    expect(record.tables.patientClinical[0].allergies).toEqual([{ substance: 'Penicillin', reaction: 'hives', severity: 'severe' }, { substance: 'Latex', reaction: '', severity: 'mild' }]);
    expect(record.tables.patientConsent).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'email', granted: 1 })]));
    expect(record.tables.storedValueEntry).toEqual([expect.objectContaining({ amountCents: 12345 })]);
    expect(record.tables.pointsEntry).toEqual([expect.objectContaining({ points: 250 })]);
    expect(access.counts).toMatchObject({ patientClinical: 1, patientTag: 2, storedValueEntry: 1 });
    expect(access.json.path.startsWith(`${clinic.dataDir}/exports/patient-`)).toBe(true);

    const pdf = pdfText(Buffer.from(access.pdf.base64, 'base64'));
    expect(pdf.text).toContain('Zoë');
    expect(pdf.text).toContain('Ångström-Nuñez');
    expect(pdf.text).toContain('Penicillin');
    expect(access.pdf.mimeType).toBe('application/pdf');

    // An invoice, its lines and payment are part of the record of the patient who was billed.
    const lena = await clinic.call('privacy.access', { patientId: setup.patient });
    const lenaRecord = JSON.parse(Buffer.from(lena.json.base64, 'base64').toString('utf8')) as { tables: Record<string, Record<string, unknown>[]> };
    expect(lenaRecord.tables.invoice).toEqual([expect.objectContaining({ number: setup.invoice.number, totalCents: setup.invoice.totalCents })]);
    expect(lenaRecord.tables.invoiceLine).toHaveLength(setup.invoice.lines.length);
    expect(lenaRecord.tables.payment).toEqual([expect.objectContaining({ tender: 'card', amountCents: setup.invoice.totalCents })]);
    expect(lenaRecord.tables.appointmentService).toHaveLength(2);

    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT action, entity, summary FROM audit WHERE entityId = ? AND action IN ('view', 'export') ORDER BY id").all(String(setup.zoe));
    expect(audit).toEqual([
      { action: 'view', entity: 'patientClinical', summary: expect.stringMatching(/^Viewed the complete record of P\d+/) },
      { action: 'export', entity: 'patient', summary: expect.stringMatching(/^Exported the complete record of P\d+ as JSON and PDF$/) },
    ]);
  });

  it('needs clinical.read as well: a manager and front desk are refused', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const manager = await clinic.as('manager');
    await expect(manager.call('privacy.access', { patientId: setup.zoe })).rejects.toMatchObject({ code: 'forbidden', details: { permission: 'clinical.read' } });
    const desk = await clinic.as('frontDesk');
    await expect(desk.call('privacy.access', { patientId: setup.zoe })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(clinic.call('privacy.access', { patientId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
