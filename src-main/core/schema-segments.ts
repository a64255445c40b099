/** Column types of the segments tables (the Database map is in schema.ts). */
export interface SegmentSettingsTable {
  id: number;
  newDays: number;
  activeDays: number;
  sleepingDays: number;
  /** JSON arrays of four ascending boundaries. */
  recencyDays: string;
  frequencyPurchases: string;
  monetaryCents: string;
  expectedLifespanYears: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface SavedSegmentTable {
  id: number;
  name: string;
  /** The segment query as JSON. */
  query: string;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}
