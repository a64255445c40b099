/** Column types of the privacy tables (the Database map is in schema.ts). */
export interface PrivacySettingsTable {
  id: number;
  clinicalRetentionYears: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface ErasedPatientTable {
  patientId: number;
  erasedAt: string;
  erasedBy: number | null;
}
