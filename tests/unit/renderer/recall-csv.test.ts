import { describe, expect, it } from 'vitest';
import type { RecallRow } from '../../../src-shared/contract/inventory';
import { recallCsv } from '../../../src-renderer/features/inventory/recallCsv';

const row: RecallRow = {
  patientId: 7,
  patientName: 'Kern, "Rita"',
  patientNumber: 'P000007',
  phone: '+49 30 1234567',
  email: null,
  doNotContact: true,
  consents: ['sms', 'email'],
  via: 'invoice',
  date: '2026-03-02',
  appointmentId: null,
  invoiceNumber: 'INV-P0000012',
  productName: '=HYPERLINK("x")',
  lotNumber: 'S-1',
  units: 2,
  unmatched: false,
};

describe('the recall call list as CSV', () => {
  it('quotes what needs quoting, defuses formulas and keeps one patient per CRLF line', () => {
    const [head, line, end] = recallCsv([row]).split('\r\n');
    expect(head).toBe('Patient,Number,Phone,Email,Do not contact,Consents,Date,How,Product,Lot,Units');
    expect(line).toBe(`"Kern, ""Rita""",P000007,'+49 30 1234567,,yes,sms email,2026-03-02,Bought (INV-P0000012),"'=HYPERLINK(""x"")",S-1,2`);
    expect(end).toBe('');
  });
});
