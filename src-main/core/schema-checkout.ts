import type { Generated } from 'kysely';
import type { tenders } from '../../src-shared/contract/checkout';
import type { storedValueKinds } from '../../src-shared/contract/prepaid';

/** Column types of the checkout tables (the Database map is in schema.ts). */
export type DiscountKind = 'percent' | 'amount';

export interface InvoiceTable {
  id: number;
  number: string | null;
  patientId: number | null;
  appointmentId: number | null;
  status: 'draft' | 'issued' | 'void';
  /** 0 or 1, like every flag. */
  pricesIncludeTax: 0 | 1;
  taxRounding: 'line' | 'invoice';
  discountKind: DiscountKind | null;
  discountValue: number | null;
  grossCents: number;
  discountCents: number;
  netCents: number;
  taxCents: number;
  totalCents: number;
  notes: string;
  issuedAt: string | null;
  issuedBy: number | null;
  voidedAt: string | null;
  voidedBy: number | null;
  voidReason: string | null;
  /** The coupon applied (promotions) and what it took off. */
  couponCodeId: number | null;
  couponDiscountCents: number;
  /** The loyalty tier's discount (loyalty): the tier's name, its percent in basis points, its categories (JSON ids) and what it took off. */
  memberTier: string | null;
  memberDiscountBasisPoints: number;
  memberCategoryIds: string;
  memberDiscountCents: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceLineTable {
  id: number;
  invoiceId: number;
  position: number;
  serviceId: number | null;
  description: string;
  staffId: number | null;
  quantity: number;
  unitPriceCents: number;
  discountKind: DiscountKind | null;
  discountValue: number | null;
  taxRateMillipercent: number;
  grossCents: number;
  discountCents: number;
  netCents: number;
  taxCents: number;
  totalCents: number;
  /** What the line sells ahead (prepaid): a package, a stored-value top-up or a gift card (its code when typed). */
  packagePlanId: number | null;
  topUpPlanId: number | null;
  giftCard: Generated<0 | 1>;
  giftCardCode: string | null;
  /** The product sold (inventory), and the lot when the desk named one. */
  productId: number | null;
  lotId: number | null;
}

export interface CreditNoteTable {
  id: number;
  number: string;
  invoiceId: number;
  patientId: number | null;
  reason: string;
  refundTo: 'originalTender' | 'storeCredit';
  netCents: number;
  taxCents: number;
  totalCents: number;
  createdBy: number | null;
  createdAt: string;
}

export interface PaymentTable {
  id: number;
  invoiceId: number;
  patientId: number | null;
  tender: (typeof tenders)[number];
  amountCents: number;
  tenderedCents: number | null;
  changeCents: number | null;
  reference: string;
  creditNoteId: number | null;
  takenAt: string;
  takenBy: number | null;
  giftCardId: number | null;
  patientPackageId: number | null;
  /** Package tender: units taken (> 0) or given back (< 0). */
  units: number | null;
  /** Points tender: points spent (> 0) or given back (< 0). */
  points: number | null;
}

export interface StoredValueEntryTable {
  id: number;
  patientId: number;
  amountCents: number;
  kind: (typeof storedValueKinds)[number];
  invoiceId: number | null;
  paymentId: number | null;
  creditNoteId: number | null;
  note: string;
  at: string;
  by: number | null;
}
