import type { StoredValueEntryTable } from './schema-checkout';

/** Column types of the prepaid tables (the Database map is in schema.ts). */
export interface PackagePlanTable {
  id: number;
  name: string;
  serviceId: number | null;
  categoryId: number | null;
  units: number;
  priceCents: number;
  validityDays: number;
  transferable: 0 | 1;
  active: 0 | 1;
  createdAt: string;
  updatedAt: string;
}

export interface TopUpPlanTable {
  id: number;
  name: string;
  amountCents: number;
  bonusCents: number;
  active: 0 | 1;
  createdAt: string;
  updatedAt: string;
}

export interface PatientPackageTable {
  id: number;
  patientId: number;
  planId: number;
  name: string;
  units: number;
  saleInvoiceId: number;
  saleLineId: number;
  /** Clinic-local date, the last day it can be used. */
  expiresOn: string;
  transferredFromId: number | null;
  createdAt: string;
}

export type PackageEntryKind = 'sold' | 'redeemed' | 'returned' | 'transferOut' | 'transferIn' | 'refunded' | 'voided' | 'expired';

/** What every ledger entry records beside its amount: the invoice, payment or credit note behind it, when and who. */
type EntryColumns = Pick<StoredValueEntryTable, 'invoiceId' | 'paymentId' | 'creditNoteId' | 'note' | 'at' | 'by'>;

export interface PackageEntryTable extends EntryColumns {
  id: number;
  patientPackageId: number;
  units: number;
  kind: PackageEntryKind;
}

export interface GiftCardTable {
  id: number;
  code: string;
  amountCents: number;
  saleInvoiceId: number;
  saleLineId: number;
  expiresOn: string;
  activatedAt: string;
}

export type GiftCardEntryKind = 'issued' | 'spent' | 'refunded' | 'cancelled' | 'expired';

export interface GiftCardEntryTable extends EntryColumns {
  id: number;
  giftCardId: number;
  amountCents: number;
  kind: GiftCardEntryKind;
}
