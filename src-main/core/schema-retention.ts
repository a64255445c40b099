/** Column types of the retention tables (the Database map is in schema.ts). */

/** What a patient bought in one service category (the purchase projection, kept by triggers; see 0009_retention). */
export interface PatientCategoryPurchaseTable {
  patientId: number;
  categoryId: number;
  /** issuedAt of the first and latest invoice with a standing line of the category. */
  firstAt: string;
  lastAt: string;
  /** Clinic-local date of lastAt, YYYY-MM-DD. */
  lastLocalDate: string;
  /** Distinct invoices. */
  purchases: number;
  /** Lines' totals less what credit notes returned. */
  spentCents: number;
  lastServiceId: number | null;
  lastStaffId: number | null;
  lastInvoiceId: number;
}

/** What a patient bought in all (every line, less credit notes). */
export interface PatientPurchaseTable {
  patientId: number;
  firstAt: string;
  lastAt: string;
  lastLocalDate: string;
  invoices: number;
  spentCents: number;
}

/** A call, message or word at the desk about a patient's maintenance (append-only). */
export interface OutreachTable {
  id: number;
  patientId: number;
  channel: 'phone' | 'email' | 'sms' | 'inPerson';
  templateId: number | null;
  outcome: 'booked' | 'callBack' | 'notInterested' | 'wrongNumber' | 'noAnswer' | 'leftMessage' | 'sent';
  /** Clinic-local date, for a call back. */
  callBackOn: string | null;
  note: string;
  staffId: number | null;
  at: string;
}

/** The categories an outreach was about (patient and time repeated for the "latest contact" index). */
export interface OutreachCategoryTable {
  outreachId: number;
  categoryId: number;
  patientId: number;
  at: string;
}
