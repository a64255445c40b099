import type { MigrationContext } from './context';

/**
 * Indexes for the pipeline reports on a large clinic (issue 17): each lets a report read what it needs from the index
 * alone instead of visiting every row's table page (projected sales reads a month of booked services and the gap
 * closers most of the purchase projection; the cascade follows each new patient's visits and invoices).
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    -- A month of bookings that count, with everything projected sales groups and prices by.
    CREATE INDEX appointmentService_liveStartsAt ON appointmentService(startsAt, serviceId, staffId, priceCents, appointmentId) WHERE live = 1;
    -- Last year's net sales: a period's issued invoices, and their lines' net (below); the provider report's patients.
    CREATE INDEX invoice_issued ON invoice(issuedAt, patientId) WHERE status = 'issued';
    -- A visit's quote: its draft invoices only (most visits have none, or an issued one).
    CREATE INDEX invoice_draftAppointment ON invoice(appointmentId) WHERE status = 'draft';
    -- Gap closers test each due row's last service (entries with a service override) without reading the row.
    CREATE INDEX patientCategoryPurchase_dueService ON patientCategoryPurchase(categoryId, lastLocalDate, lastServiceId);

    -- The cascade: a patient's visits by time with their status, the services of a visit or lines of an invoice in
    -- order with what they sold (and for what net), and a patient's issued invoices by time with their net.
    CREATE INDEX appointment_patientStatus ON appointment(patientId, startsAt, status);
    CREATE INDEX appointmentService_visitService ON appointmentService(appointmentId, position, serviceId);
    CREATE INDEX invoiceLine_invoiceService ON invoiceLine(invoiceId, position, serviceId, netCents);
    CREATE INDEX invoice_patientIssued ON invoice(patientId, issuedAt, netCents) WHERE status = 'issued';

    -- A cohort's revenue (coupon and referral ROI) takes most invoices at their net; these find the few that are not:
    -- with a gift card, top-up or package line, or paid by a package (reports/sales/queries.ts, SCOPE_REVENUE_SQL).
    CREATE INDEX invoiceLine_heldOrPackage ON invoiceLine(invoiceId) WHERE giftCard = 1 OR topUpPlanId IS NOT NULL OR packagePlanId IS NOT NULL;
    CREATE INDEX payment_packageUsed ON payment(invoiceId) WHERE patientPackageId IS NOT NULL;
  `);
}
