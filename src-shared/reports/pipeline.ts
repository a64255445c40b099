import type { OutputOf } from '../contract/index';
import { CASCADE_TARGET_BP } from '../contract/reports-pipeline';
import type { ReportColumn, ReportDocument, ReportSection, ReportTable } from './document';
import type { DocumentMeta } from './meta';
import { moneyColumn as money, integerColumn as integer, textColumn as text } from './document';

/**
 * The pipeline reports in the print family: projected sales, the conversion cascade, stalled consults and quotes on
 * the table. Pure functions of a report's output (money in minor units, rates in basis points), so the screen's print,
 * the CSV and the PDF show the same figures. Nothing clinical is shown.
 */

type Projected = OutputOf<'reports.projectedSales'>;
type Cascade = OutputOf<'reports.conversionCascade'>;
type Stalled = OutputOf<'reports.stalledConsults'>;
type Quotes = OutputOf<'reports.openQuotes'>;


/** The columns of a by-day, by-category or by-provider table, after its first. */
const expectedColumns: ReportColumn[] = [
  integer('treatments', 'Treatments'),
  money('treatmentsCents', 'Treatments value'),
  integer('consults', 'Consults'),
  money('consultsCents', 'Consults expected'),
  money('expectedCents', 'Expected'),
];
type Expected = Projected['byDay'][number];
const expectedCells = (e: Omit<Expected, 'date'>) => ({
  treatments: e.treatments,
  treatmentsCents: e.treatmentsCents,
  consults: e.consults,
  consultsCents: e.consultsCents,
  expectedCents: e.expectedCents,
});

function expectedTable(title: string, first: ReportColumn, rows: Record<string, string | number | null>[], totals: Projected['totals'], emptyText: string): ReportTable {
  return { kind: 'table', title, columns: [first, ...expectedColumns], rows, totals: { [first.key]: 'Total', ...expectedCells(totals), expectedCents: totals.expectedCents - totals.leadsCents }, emptyText };
}

export function projectedSalesDocument(p: Projected, meta: DocumentMeta): ReportDocument {
  const a = p.assumptions;
  const nothingBooked = 'Nothing is booked in this period.';
  const sections: ReportSection[] = [
    {
      kind: 'figures',
      items: [
        { label: 'Expected revenue', value: p.totals.expectedCents, format: 'money' },
        { label: 'Booked treatments', value: p.totals.treatmentsCents, format: 'money' },
        { label: 'Consults (expected)', value: p.totals.consultsCents, format: 'money' },
        { label: 'Open leads (expected)', value: a.includeLeads ? p.totals.leadsCents : null, format: 'money' },
        { label: 'Same period last year', value: p.lastYear.netSalesCents, format: 'money' },
        { label: 'Target', value: p.target.targetCents, format: 'money' },
        { label: 'Gap to target', value: p.target.gapCents, format: 'money' },
      ],
    },
    {
      kind: 'figures',
      items: [
        { label: 'Lead → consult', value: a.leadToConsultBp, format: 'percent' },
        { label: 'Consult → treatment', value: a.consultToTreatmentBp, format: 'percent' },
        { label: 'Overall average sale', value: a.overallAverageSaleCents, format: 'money' },
        { label: 'Open leads', value: a.includeLeads ? p.totals.openLeads : null, format: 'integer' },
        { label: 'Lead window (days)', value: a.openLeadDays, format: 'days' },
      ],
    },
    {
      kind: 'note',
      text:
        'Expected revenue = booked treatments at their price (or the draft invoice’s) + booked consults × consult → treatment × the category’s average sale' +
        (a.includeLeads ? ' + open leads × lead → consult × consult → treatment × the overall average sale.' : '; open leads are left out.') +
        (a.overridden.length > 0 ? ' Some assumptions were changed for this report only (marked “what if”).' : ''),
    },
    expectedTable('By day', { key: 'date', label: 'Day', format: 'date' }, p.byDay.map((d) => ({ date: d.date, ...expectedCells(d) })), p.totals, nothingBooked),
    expectedTable('By category', text('categoryName', 'Category'), p.byCategory.map((c) => ({ categoryId: c.categoryId, categoryName: c.categoryName, ...expectedCells(c) })), p.totals, nothingBooked),
    expectedTable('By provider', text('staffName', 'Provider'), p.byProvider.map((s) => ({ staffId: s.staffId, staffName: s.staffName, ...expectedCells(s) })), p.totals, nothingBooked),
    {
      kind: 'table',
      title: 'Average sale per category',
      columns: [text('categoryName', 'Category'), money('averageSaleCents', 'Average sale'), text('whatIf', 'Assumed for this report')],
      rows: a.categories.map((c) => ({ categoryId: c.categoryId, categoryName: c.categoryName, averageSaleCents: c.averageSaleCents, whatIf: c.overridden ? 'What if' : '' })),
      emptyText: 'No service categories yet.',
    },
    {
      kind: 'table',
      title: 'Closing the gap: maintenance call lists',
      columns: [text('list', 'List'), integer('patients', 'Patients'), money('potentialCents', 'Potential')],
      rows: [
        { list: 'Overdue at the start of the period', patients: p.gapClosers.delinquent.patients, potentialCents: p.gapClosers.delinquent.potentialCents },
        { list: 'Falling due in the period', patients: p.gapClosers.dueSoon.patients, potentialCents: p.gapClosers.dueSoon.potentialCents },
      ],
      emptyText: 'Nobody is due.',
    },
  ];
  if (p.emptyText) sections.splice(2, 0, { kind: 'note', text: p.emptyText });
  return { title: 'Projected sales', clinicName: meta.clinicName, from: p.from, to: p.to, generatedAt: meta.generatedAt, orientation: 'portrait', sections };
}

export function conversionCascadeDocument(c: Cascade, meta: DocumentMeta): ReportDocument {
  const sections: ReportSection[] = [
    {
      kind: 'table',
      title: 'Stages',
      columns: [text('label', 'Stage'), integer('patients', 'Patients'), money('revenueCents', 'Net sales to date')],
      rows: c.stages.map((s) => ({ stage: s.stage, label: s.label, patients: s.patients, revenueCents: s.stage === 'awareness' ? null : s.revenueCents })),
      emptyText: 'No stages.',
    },
    {
      kind: 'table',
      title: `Links against the rule of eights (${CASCADE_TARGET_BP / 100} % each)`,
      columns: [text('label', 'Link'), integer('countIn', 'In'), integer('countOut', 'Out'), { key: 'rateBp', label: 'Rate', format: 'percent' }, text('status', 'Against target')],
      rows: c.links.map((l) => ({ link: l.link, label: l.label, countIn: l.countIn, countOut: l.countOut, rateBp: l.rateBp, status: l.belowTarget === null ? 'Not measured' : l.belowTarget ? 'Below' : 'On target' })),
      emptyText: 'No links.',
    },
    {
      kind: 'note',
      text: 'The cohort is the patients added in the period. Consult: a visit with a consult by the period’s end + 90 days. Treatment: a treatment or package bought within 90 days of it. Maintenance: the same category bought again within its interval + 30 days. Cross-services: maintained, and bought another category. Ambassador: treated, and referred someone.',
    },
  ];
  if (c.whatIf) {
    const w = c.whatIf;
    sections.push(
      { kind: 'figures', items: [{ label: `What if ${w.link} gained ${w.points} points`, value: w.rateBp, format: 'percent' }, { label: 'Revenue effect', value: w.revenueEffectCents, format: 'money' }] },
      { kind: 'table', title: 'Extra patients (what if)', columns: [text('stage', 'Stage'), integer('patients', 'Extra patients')], rows: w.extraPatients.map((e) => ({ stage: e.stage, patients: e.patients })), emptyText: 'The link has no rate to raise (nobody came in).' },
    );
  }
  if (c.emptyText) sections.unshift({ kind: 'note', text: c.emptyText });
  return { title: 'Conversion cascade', clinicName: meta.clinicName, from: c.from, to: c.to, generatedAt: meta.generatedAt, orientation: 'portrait', sections };
}

const contactOf = (doNotContact: boolean, phoneConsent?: boolean) => (doNotContact ? 'Do not contact' : phoneConsent === false ? 'No phone consent' : '');

/** A call list as of one day: wide, so landscape. */
const callListDocument = (title: string, asOf: string, meta: DocumentMeta, sections: ReportSection[]): ReportDocument => ({
  title,
  clinicName: meta.clinicName,
  from: asOf,
  to: asOf,
  generatedAt: meta.generatedAt,
  orientation: 'landscape',
  sections,
});

export function stalledConsultsDocument(s: Stalled, meta: DocumentMeta): ReportDocument {
  const table: ReportTable = {
    kind: 'table',
    title: `Consults more than ${s.days} days ago with no treatment and nothing booked`,
    columns: [
      text('patientName', 'Patient'),
      text('patientNumber', 'No.'),
      text('phone', 'Phone'),
      { key: 'consultDate', label: 'Consult', format: 'date' },
      text('staffName', 'Provider'),
      text('categoryName', 'Category'),
      { key: 'ageDays', label: 'Age', format: 'days' },
      text('contact', 'Contact'),
    ],
    rows: s.rows.map((r) => ({ patientId: r.patientId, appointmentId: r.appointmentId, patientName: r.patientName, patientNumber: r.patientNumber, phone: r.phone, consultDate: r.consultDate, staffName: r.staffName, categoryName: r.categoryName, ageDays: r.ageDays, contact: contactOf(r.doNotContact, r.phoneConsent) })),
    emptyText: s.emptyText ?? 'No stalled consults.',
  };
  return callListDocument('Stalled consults', s.asOf, meta, [{ kind: 'figures', items: [{ label: 'Stalled consults', value: s.total, format: 'integer' }] }, table]);
}

export function openQuotesDocument(q: Quotes, meta: DocumentMeta): ReportDocument {
  const table: ReportTable = {
    kind: 'table',
    title: 'Draft invoices not yet bought',
    columns: [
      text('patientName', 'Patient'),
      text('phone', 'Phone'),
      { key: 'startedOn', label: 'Started', format: 'date' },
      { key: 'ageDays', label: 'Age', format: 'days' },
      text('services', 'Services'),
      money('netCents', 'Value (net)'),
      money('totalCents', 'Total'),
      text('startedByName', 'Started by'),
      text('contact', 'Contact'),
    ],
    rows: q.rows.map((r) => ({ invoiceId: r.invoiceId, patientId: r.patientId, patientName: r.patientName, phone: r.phone, startedOn: r.startedOn, ageDays: r.ageDays, services: r.services, netCents: r.netCents, totalCents: r.totalCents, startedByName: r.startedByName, contact: contactOf(r.doNotContact) })),
    totals: { patientName: 'Total', netCents: q.totalNetCents, totalCents: q.totalCents },
    emptyText: q.emptyText ?? 'No quotes on the table.',
  };
  const figures: ReportSection = { kind: 'figures', items: [{ label: 'Open quotes', value: q.total, format: 'integer' }, { label: 'Their value (net)', value: q.totalNetCents, format: 'money' }] };
  return callListDocument('Quotes on the table', q.asOf, meta, [figures, table]);
}
