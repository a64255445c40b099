import type { pointsEntryKinds } from '../../src-shared/contract/loyalty';

/** Column types of the loyalty tables (the Database map is in schema.ts). */
export interface LoyaltyProgramTable {
  id: number;
  enabled: 0 | 1;
  pointsPerUnit: number;
  /** JSON: [{ categoryId, percent }]. */
  categoryMultipliers: string;
  redeemPoints: number;
  redeemCents: number;
  minimumRedeemPoints: number;
  expiryMonths: number;
  /** JSON: [{ name, thresholdPoints, discountPercent, categoryIds, birthdayPoints }]. */
  tiers: string;
  reviewPoints: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface PointsEntryTable {
  id: number;
  patientId: number;
  kind: (typeof pointsEntryKinds)[number];
  points: number;
  at: string;
  /** Credited rows: the clinic-local date they can be used until (null: never expire). */
  expiresOn: string | null;
  /** Expired rows: the credited row they write off. */
  lotEntryId: number | null;
  invoiceId: number | null;
  creditNoteId: number | null;
  paymentId: number | null;
  /** Earned rows: JSON [{ lineId, points }]. */
  lines: string | null;
  dedupeKey: string | null;
  note: string;
  by: number | null;
}
