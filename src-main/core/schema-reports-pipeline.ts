/** Column types of the pipeline reports' tables (the Database map is in schema.ts). */
export interface PipelineSettingsTable {
  id: number;
  openLeadDays: number;
  stallDays: number;
  updatedAt: string;
  updatedBy: number | null;
}

/** A month's sales target (YYYY-MM); months without one use the clinic's weekly target. */
export interface MonthlySalesTargetTable {
  id: number;
  month: string;
  targetCents: number;
  updatedAt: string;
}

/** People a referral source reached in a month, entered by a manager. */
export interface AwarenessEntryTable {
  id: number;
  month: string;
  referralSourceId: number;
  reached: number;
  updatedAt: string;
}
