import { describe, expect, it } from 'vitest';
import { type DelinquencyList, delinquencyDocument } from '../../../../src-shared/reports/delinquency';
import type { ReportTable } from '../../../../src-shared/reports/document';

const meta = { clinicName: 'Glow Clinic', generatedAt: '2026-03-09T12:05:00.000Z', timeZone: 'America/New_York' };
const noConsent = { ok: false, why: 'No consent' };

function row(patientName: string, daysOverdue: number, band: DelinquencyList['rows'][number]['band'], extra: Partial<DelinquencyList['rows'][number]> = {}): DelinquencyList['rows'][number] {
  return {
    patientId: 1, patientNumber: 'P-1', patientName, phone: '555-0100', email: null, categoryId: 1, categoryName: 'Neurotoxin', lastServiceId: 1, lastServiceName: 'Botox 20u',
    lastPurchaseDate: '2025-10-01', dueDate: '2026-01-01', daysOverdue, band, scheduled: null, lastProviderId: null, lastProviderName: 'Dr Kim', lastContact: null,
    lifetimeSpentCents: 45000, doNotContact: false, contactable: { phone: noConsent, email: noConsent, sms: noConsent }, ...extra,
  };
}

describe('delinquencyDocument', () => {
  it('counts the overdue per band, lists every row and marks who may not be contacted', () => {
    const list: DelinquencyList = {
      asOf: '2026-03-09',
      total: 3,
      csv: null,
      rows: [
        row('Ana Ruiz', 200, '180+', { lastContact: { at: '2026-03-01T02:30:00.000Z', channel: 'phone', outcome: 'noAnswer', callBackOn: null } }),
        row('Ben Ode', 40, '31-90', { doNotContact: true }),
        row('Cy Lee', 3, '0-30', { scheduled: { appointmentId: 9, startsAt: '2026-03-12T14:00:00.000Z' } }),
      ],
    };
    const doc = delinquencyDocument(list, meta);
    expect(doc).toMatchObject({ title: 'Delinquency', clinicName: 'Glow Clinic', from: '2026-03-09', to: '2026-03-09', orientation: 'landscape' });
    expect(doc.sections[0]).toEqual({
      kind: 'figures',
      items: [
        { label: 'Overdue', value: 3, format: 'integer' },
        { label: '0–30 days', value: 1, format: 'integer' },
        { label: '31–90 days', value: 1, format: 'integer' },
        { label: '91–180 days', value: 0, format: 'integer' },
        { label: 'Over 180 days', value: 1, format: 'integer' },
      ],
    });
    const table = doc.sections[1] as ReportTable;
    expect(table.rows.map((r) => r.patientName)).toEqual(['Ana Ruiz', 'Ben Ode (do not contact)', 'Cy Lee']);
    // 02:30 UTC on 1 March is still 28 February in New York.
    expect(table.rows[0].lastContact).toBe('2026-02-28');
    expect(table.rows[2].scheduled).toBe('Yes');
    expect(table.rows[0].patientId).toBe(1);
  });

  it('says so when nobody is overdue', () => {
    const doc = delinquencyDocument({ asOf: '2026-03-09', total: 0, rows: [], csv: null }, meta);
    expect((doc.sections[1] as ReportTable).rows).toEqual([]);
    expect((doc.sections[1] as ReportTable).emptyText).toMatch(/Nobody is overdue/);
  });
});
