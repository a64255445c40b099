import type { CouponRoi, ReferralRoi, SalesByCategory, SalesByProvider } from '../contract/reports-sales';
import type { Cell, ReportColumn, ReportDocument, ReportSection, ReportTable } from './document';
import type { DocumentMeta } from './meta';
import { moneyColumn as money, percentColumn as percent, integerColumn as integer, textColumn as text } from './document';

/**
 * The sales reports in the print family: sales by category and by provider, coupon ROI and referral ROI. Pure
 * functions of a report's output (money in minor units, rates in basis points), so the screen's print, the CSV and
 * the PDF show the same figures.
 */


const REVENUE_NOTE =
  'Net sales: issued invoices’ lines net of tax on the day of issue (clinic time), less credit notes on the day they are made; voided invoices count nothing; gift cards and top-ups count when spent, not when sold.';
const packageNote = (mode: 'sale' | 'redemption') =>
  mode === 'sale'
    ? 'Packages count when sold; the visits they pay count nothing more.'
    : 'Packages count as they are used: each session’s share of the package price, on the day, for the visit’s category and provider.';

function frame(title: string, period: { from: string; to: string }, meta: DocumentMeta, sections: ReportSection[], wide: boolean): ReportDocument {
  return { title, clinicName: meta.clinicName, from: period.from, to: period.to, generatedAt: meta.generatedAt, orientation: wide ? 'landscape' : 'portrait', sections };
}

function table(title: string, columns: ReportColumn[], rows: Record<string, Cell>[], totals: Record<string, Cell> | undefined, emptyText: string): ReportTable {
  return { kind: 'table', title, columns, rows, ...(totals ? { totals } : {}), emptyText };
}

export function salesByCategoryDocument(r: SalesByCategory, meta: DocumentMeta): ReportDocument {
  const compared = r.comparePeriod !== null;
  const columns = [
    text('name', 'Category'),
    money('amountCents', 'Net sales'),
    percent('shareBp', 'Share'),
    integer('count', 'Invoices'),
    money('averageSaleCents', 'Average sale'),
    money('refundsCents', 'Refunds'),
    ...(compared ? [money('compareAmountCents', 'Compared period'), money('changeCents', 'Change'), percent('changeBp', 'Change %')] : []),
  ];
  const cells = (x: Omit<SalesByCategory['rows'][number], 'category' | 'name' | 'shareBp'> & { shareBp: number | null }) => ({
    amountCents: x.amountCents,
    shareBp: x.shareBp,
    count: x.count,
    averageSaleCents: x.averageSaleCents,
    refundsCents: x.refundsCents,
    compareAmountCents: x.compareAmountCents,
    changeCents: x.changeCents,
    changeBp: x.changeBp,
  });
  const empty = r.emptyText ?? 'No sales in this period.';
  return frame(
    'Sales by category',
    r,
    meta,
    [
      {
        kind: 'figures',
        items: [
          { label: 'Net sales', value: r.totals.amountCents, format: 'money' },
          { label: 'Invoices', value: r.totals.count, format: 'integer' },
          { label: 'Average sale', value: r.totals.averageSaleCents, format: 'money' },
          { label: 'Refunds', value: r.totals.refundsCents, format: 'money' },
          ...(compared ? [{ label: 'Change on the compared period', value: r.totals.changeBp, format: 'percent' as const }] : []),
        ],
      },
      table('By category, largest first', columns, r.rows.map((row) => ({ name: row.name, ...cells(row) })), { name: 'Total', ...cells({ ...r.totals, shareBp: r.rows.length ? 10_000 : null }) }, empty),
      ...(compared ? [{ kind: 'note' as const, text: `Compared with ${r.comparePeriod!.from} to ${r.comparePeriod!.to}.` }] : []),
      { kind: 'note', text: `${REVENUE_NOTE} ${packageNote(r.packageRevenue)} Invoices are counted once in the total even when they sell several categories.` },
    ],
    compared,
  );
}

export function salesByProviderDocument(r: SalesByProvider, meta: DocumentMeta): ReportDocument {
  const columns = [
    text('name', 'Provider'),
    money('servicesCents', 'Services'),
    money('retailCents', 'Retail'),
    money('packagesCents', 'Packages'),
    money('otherCents', 'Other'),
    money('refundsCents', 'Refunds'),
    money('netCents', 'Net sales'),
    integer('invoices', 'Invoices'),
    money('averageTicketCents', 'Average ticket'),
    integer('patients', 'Patients'),
    percent('rebookingRateBp', 'Rebooked'),
  ];
  const { rebooked: _rebooked, ...totals } = r.totals;
  return frame(
    'Sales by provider',
    r,
    meta,
    [
      {
        kind: 'figures',
        items: [
          { label: 'Net sales', value: r.totals.netCents, format: 'money' },
          { label: 'Refunds', value: r.totals.refundsCents, format: 'money' },
          { label: 'Rebooking rate', value: r.totals.rebookingRateBp, format: 'percent' },
        ],
      },
      table('By provider', columns, r.rows.map(({ staffId: _id, rebooked: _r, ...row }) => row), { name: 'Total', ...totals }, r.emptyText ?? 'No sales in this period.'),
      {
        kind: 'note',
        text: `${REVENUE_NOTE} ${packageNote(r.packageRevenue)} Refunds are credit notes of the provider’s lines made in the period. Rebooked: of the patients a provider treated in the period, those with a visit (not cancelled or missed) on a later day within 90 days of their last visit with that provider, or still ahead.`,
      },
    ],
    true,
  );
}

const roiColumns = (first: ReportColumn, extra: ReportColumn[] = []) => [
  first,
  ...extra,
  integer('redemptions', 'Uses'),
  money('discountCents', 'Discount given'),
  money('revenueCents', 'Revenue'),
  money('laterRevenueCents', 'Later revenue'),
  integer('newPatients', 'New patients'),
  money('costCents', 'Cost'),
  percent('roiBp', 'ROI'),
];

export function couponRoiDocument(r: CouponRoi, meta: DocumentMeta): ReportDocument {
  const empty = r.emptyText ?? 'No coupons in this period.';
  return frame(
    'Coupon ROI',
    r,
    meta,
    [
      {
        kind: 'figures',
        items: [
          { label: 'Uses', value: r.totals.redemptions, format: 'integer' },
          { label: 'Discount given', value: r.totals.discountCents, format: 'money' },
          { label: 'Revenue and later revenue', value: r.totals.revenueCents + r.totals.laterRevenueCents, format: 'money' },
          { label: 'ROI', value: r.totals.roiBp, format: 'percent' },
        ],
      },
      table('By campaign', roiColumns(text('name', 'Campaign'), [text('channel', 'Channel')]), r.campaigns.map(({ campaignId: _id, ...c }) => c), { name: 'Total', ...r.totals }, empty),
      table('By coupon', roiColumns(text('name', 'Coupon'), [text('campaignName', 'Campaign')]), r.coupons.map(({ couponId: _c, campaignId: _id, ...c }) => c), undefined, empty),
      {
        kind: 'note',
        text: 'Uses are issued invoices with the coupon less those voided or taken back. Revenue: the redeeming invoices’ net sales less their refunds; later revenue: those patients’ purchases after it, to the end of the period. A campaign’s cost is shared over its coupons by discount given. ROI = (revenue + later revenue − discount − cost) ÷ (discount + cost).',
      },
    ],
    true,
  );
}

export function referralRoiDocument(r: ReferralRoi, meta: DocumentMeta): ReportDocument {
  const columns = [
    text('name', 'Source'),
    integer('leads', 'Leads'),
    integer('patients', 'Patients'),
    percent('conversionBp', 'Conversion'),
    money('firstYearRevenueCents', 'First-year revenue'),
    money('lifetimeRevenueCents', 'Lifetime revenue'),
    money('costCents', 'Cost'),
    money('costPerPatientCents', 'Cost per patient'),
    percent('roiBp', 'ROI'),
  ];
  return frame(
    'Referral-source ROI',
    r,
    meta,
    [
      {
        kind: 'figures',
        items: [
          { label: 'Leads', value: r.totals.leads, format: 'integer' },
          { label: 'Patients', value: r.totals.patients, format: 'integer' },
          { label: 'Cost per acquired patient', value: r.totals.costPerPatientCents, format: 'money' },
          { label: 'ROI', value: r.totals.roiBp, format: 'percent' },
        ],
      },
      table('By source', columns, r.rows.map(({ source: _s, channel: _c, ...row }) => row), { name: 'Total', ...r.totals }, r.emptyText ?? 'No new patients in this period.'),
      {
        kind: 'note',
        text: 'Leads: patients added in the period with that source; patients: those who have bought since. First-year revenue: their net sales in the 365 days from their first purchase. Cost: the source’s monthly cost, pro rata by the days of each month in the period. ROI = (lifetime revenue − cost) ÷ cost.',
      },
    ],
    true,
  );
}
