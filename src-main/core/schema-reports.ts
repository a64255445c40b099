/** Column types of the report output tables (the Database map is in schema.ts). */
export type PaperSize = 'A4' | 'Letter';

export interface ReportSettingsTable {
  id: number;
  paperSize: PaperSize;
  updatedAt: string;
  updatedBy: number | null;
}

export interface ReportScheduleTable {
  id: number;
  report: string;
  /** The report's input as JSON, without its period. */
  input: string;
  /** A period preset (src-shared/reports/period.ts). */
  period: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, clinic time. */
  time: string;
  /** '' = <data dir>/reports/scheduled. */
  folder: string;
  paper: PaperSize | null;
  active: 0 | 1;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReportRunTable {
  id: number;
  scheduleId: number | null;
  report: string;
  dueAt: string;
  periodFrom: string;
  periodTo: string;
  ranAt: string;
  status: 'ok' | 'failed';
  attempts: number;
  path: string | null;
  error: string | null;
}

/** The per-day sales projection (0015_sales_day): derived from invoices by triggers, read by the sales reports. */
export interface SalesDayTable {
  mode: 'sale' | 'redemption';
  dimension: 'all' | 'category' | 'staff';
  localDate: string;
  /** A category id, 'retail' or 'other'; a staff id (0: no provider); '*' for the clinic. */
  key: number | string;
  servicesCents: number;
  retailCents: number;
  packagesCents: number;
  otherCents: number;
  refundsCents: number;
  invoices: number;
}

/** An issued invoice's sale entries summed per package revenue setting, where they may differ from its net (0017). */
export interface InvoiceSaleTable {
  invoiceId: number;
  atSaleCents: number;
  atRedemptionCents: number;
}

/** What the package units an issued invoice used are worth, when packages count at redemption (0028). */
export interface InvoiceRedemptionTable {
  invoiceId: number;
  redeemedCents: number;
  /** The instant of its last redemption entry. */
  lastAt: string;
}

/** The provider report's rebooking projection (0018_provider_rebooking): derived from invoices and visits. */
export interface ServiceSaleTable {
  patientId: number;
  /** 0: lines with no provider. */
  staffId: number;
  /** The invoice's issuedAt. */
  at: string;
  invoiceId: number;
  /** The pair's next sale (null: none since). */
  nextSaleAt: string | null;
  /** The patient's first visit (not cancelled or no-show) starting 12 hours or more after `at`. */
  nextVisitAt: string | null;
  /** 1 when nextVisitAt is within 90 days of `at`, 0 when later, null when there is none. */
  nextVisitSoon: number | null;
}

/** Patients whose serviceSale rows a write may have changed, until the serviceSale job recomputes them. */
export interface ServiceSalePendingTable {
  patientId: number;
}
