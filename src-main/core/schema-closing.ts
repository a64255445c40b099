/** Column types of the closing tables (the Database map is in schema.ts). */

/** One till's closed day: the figures as they were at close (JSON of `ZReportFigures`) and the drawer count. */
export interface DayCloseTable {
  id: number;
  workstationNumber: number;
  /** Clinic-local date, YYYY-MM-DD. */
  date: string;
  openingFloatCents: number;
  expectedCashCents: number;
  countedCents: number;
  differenceCents: number;
  /** Cash left in the drawer for the next day's float; the rest is banked. */
  floatLeftCents: number;
  /** JSON: [{ valueCents, count }] as counted, or [] when only the total was typed. */
  denominations: string;
  note: string;
  report: string;
  closedBy: number | null;
  closedAt: string;
}

export interface CommissionRateTable {
  id: number;
  staffId: number;
  serviceCategoryId: number | null;
  serviceId: number | null;
  kind: 'percent' | 'perUnit';
  /** Basis points of the line's net (percent) or minor units per unit sold (perUnit). */
  value: number;
  updatedAt: string;
}
