import type { DiscountKind } from './schema-checkout';

/** Column types of the promotions tables (the Database map is in schema.ts). */
export interface CampaignTable {
  id: number;
  name: string;
  channel: string;
  notes: string;
  costCents: number;
  createdAt: string;
  updatedAt: string;
}

export interface CouponTable {
  id: number;
  campaignId: number;
  name: string;
  discountKind: DiscountKind;
  discountValue: number;
  /** Clinic-local dates, both days included. */
  validFrom: string;
  validTo: string;
  maxUses: number | null;
  maxUsesPerPatient: number | null;
  minSpendCents: number;
  /** JSON arrays of ids; both empty: every line is eligible. */
  serviceIds: string;
  categoryIds: string;
  active: 0 | 1;
  createdAt: string;
  updatedAt: string;
}

export interface CouponCodeTable {
  id: number;
  couponId: number;
  code: string;
  /** An e-coupon's patient: only they may redeem it. */
  patientId: number | null;
  createdAt: string;
}

export interface CouponRedemptionTable {
  id: number;
  couponId: number;
  couponCodeId: number;
  invoiceId: number;
  patientId: number | null;
  /** +1 when the invoice is issued, -1 when it is voided or goes back to draft. */
  uses: 1 | -1;
  /** Signed like uses. */
  discountCents: number;
  at: string;
  by: number | null;
}

export interface DiscountLimitTable {
  role: string;
  lineBasisPoints: number | null;
  lineCents: number | null;
  invoiceBasisPoints: number | null;
  invoiceCents: number | null;
}

export interface DiscountApprovalTable {
  id: number;
  invoiceId: number;
  approvedBy: number;
  requestedBy: number | null;
  discountCents: number;
  at: string;
}
