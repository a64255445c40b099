import { describe, expect, it } from 'vitest';
import type { OutputOf } from '../../../../src-shared/contract/index';
import type { ReportFigures, ReportTable } from '../../../../src-shared/reports/document';
import { conversionCascadeDocument, openQuotesDocument, projectedSalesDocument, stalledConsultsDocument } from '../../../../src-shared/reports/pipeline';

const meta = { clinicName: 'Lumen Test Clinic', generatedAt: '2026-03-25T14:00:00.000Z', timeZone: 'America/New_York' };
const e = (treatmentsCents: number, consultsCents: number) => ({ treatments: treatmentsCents ? 1 : 0, treatmentsCents, consults: consultsCents ? 1 : 0, consultsCents, expectedCents: treatmentsCents + consultsCents });

const projected: OutputOf<'reports.projectedSales'> = {
  from: '2026-03-30',
  to: '2026-04-05',
  assumptions: { leadToConsultBp: 5_000, consultToTreatmentBp: 6_000, openLeadDays: 90, includeLeads: true, overallAverageSaleCents: 30_000, categories: [{ categoryId: 2, categoryName: 'Neurotoxin', averageSaleCents: 40_000, overridden: true }], overridden: ['averageSaleCents.2'] },
  totals: { ...e(30_000, 24_000), openLeads: 2, leadsCents: 18_000, expectedCents: 72_000 },
  byDay: [{ date: '2026-03-30', ...e(30_000, 0) }, { date: '2026-03-31', ...e(0, 24_000) }],
  byCategory: [{ categoryId: 2, categoryName: 'Neurotoxin', ...e(30_000, 24_000) }],
  byProvider: [{ staffId: 3, staffName: 'Ana Alvarez', ...e(30_000, 24_000) }],
  lastYear: { from: '2025-03-30', to: '2025-04-05', netSalesCents: 55_000 },
  target: { targetCents: 70_000, gapCents: -2_000, monthsWithTarget: [] },
  gapClosers: { delinquent: { patients: 1, potentialCents: 60_000 }, dueSoon: { patients: 0, potentialCents: 0 } },
  emptyText: null,
};

describe('pipeline documents', () => {
  it('prints projected sales with its figures, assumptions and tables whose totals leave the leads out', () => {
    const doc = projectedSalesDocument(projected, meta);
    expect(doc).toMatchObject({ title: 'Projected sales', clinicName: 'Lumen Test Clinic', from: '2026-03-30', to: '2026-04-05', orientation: 'portrait' });
    const figures = doc.sections[0] as ReportFigures;
    expect(figures.items.map((i) => [i.label, i.value])).toEqual([
      ['Expected revenue', 72_000],
      ['Booked treatments', 30_000],
      ['Consults (expected)', 24_000],
      ['Open leads (expected)', 18_000],
      ['Same period last year', 55_000],
      ['Target', 70_000],
      ['Gap to target', -2_000],
    ]);
    const byDay = doc.sections.find((s) => s.kind === 'table' && s.title === 'By day') as ReportTable;
    expect(byDay.totals).toMatchObject({ date: 'Total', treatmentsCents: 30_000, consultsCents: 24_000, expectedCents: 54_000 });
    expect(doc.sections.some((s) => s.kind === 'note' && s.text.includes('for this report only'))).toBe(true);
  });

  it('prints the cascade, marking a link not measured', () => {
    const cascade: OutputOf<'reports.conversionCascade'> = {
      from: '2026-03-01',
      to: '2026-03-31',
      stages: [{ stage: 'awareness', label: 'Awareness', patients: null, revenueCents: 0 }, { stage: 'lead', label: 'Lead', patients: 6, revenueCents: 190_000 }],
      links: [{ link: 'lead', from: 'awareness', to: 'lead', label: 'Awareness → Lead', countIn: null, countOut: 6, rateBp: null, targetBp: 8_000, belowTarget: null }],
      averageSaleCents: 30_000,
      whatIf: null,
      emptyText: null,
    };
    const doc = conversionCascadeDocument(cascade, meta);
    const links = doc.sections[1] as ReportTable;
    expect(links.rows[0]).toMatchObject({ rateBp: null, status: 'Not measured' });
    expect((doc.sections[0] as ReportTable).rows[0]).toMatchObject({ patients: null, revenueCents: null });
  });

  it('prints the call lists landscape, marking who may not be called', () => {
    const stalled = stalledConsultsDocument(
      { asOf: '2026-03-25', days: 14, total: 1, emptyText: null, rows: [{ patientId: 1, patientNumber: 'P1', patientName: 'Ann Client', phone: null, appointmentId: 9, consultDate: '2026-03-03', staffId: 3, staffName: 'Ana', categoryId: 2, categoryName: 'Neurotoxin', ageDays: 22, doNotContact: true, phoneConsent: true }] },
      meta,
    );
    expect(stalled.orientation).toBe('landscape');
    expect((stalled.sections[1] as ReportTable).rows[0]).toMatchObject({ patientId: 1, appointmentId: 9, contact: 'Do not contact', ageDays: 22 });
    const quotes = openQuotesDocument({ asOf: '2026-03-25', total: 0, totalNetCents: 0, totalCents: 0, rows: [], emptyText: 'No quotes on the table.' }, meta);
    expect((quotes.sections[1] as ReportTable).emptyText).toBe('No quotes on the table.');
  });
});
