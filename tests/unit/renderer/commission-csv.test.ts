import { describe, expect, it } from 'vitest';
import type { CommissionStatement } from '../../../src-shared/contract/closing';
import { commissionCsv, decimalOf } from '../../../src-renderer/features/closing/commissionCsv';

const statement: CommissionStatement = {
  staffId: 4,
  staffName: 'Dr Pia Prax',
  from: '2026-03-01',
  to: '2026-03-31',
  currency: 'EUR',
  lines: [
    { kind: 'sale', date: '2026-03-02', invoiceId: 1, invoiceNumber: 'INV-P0000001', creditNoteNumber: null, patientName: '=HYPERLINK("x")', description: 'Botox, "glabella"', quantity: 4, netCents: 120_000, rate: '12.50 per unit', commissionCents: 5_000, invoiceDueCents: 0 },
    { kind: 'clawback', date: '2026-03-03', invoiceId: 1, invoiceNumber: 'INV-P0000001', creditNoteNumber: 'CN-P0000001', patientName: null, description: 'Botox', quantity: -1, netCents: -30_005, rate: '12.50 per unit', commissionCents: -1_250, invoiceDueCents: -5 },
  ],
  salesNetCents: 120_000,
  clawbackNetCents: -30_005,
  earnedCents: 5_000,
  clawedBackCents: -1_250,
  totalCents: 3_750,
};

describe('the commission CSV', () => {
  it('writes amounts as exact decimals, quotes text and defuses formulas', () => {
    const { filename, content } = commissionCsv(statement);
    expect(filename).toBe('commission-dr-pia-prax-2026-03-01-2026-03-31.csv');
    const rows = content.trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 2 + 3);
    expect(rows[1]).toBe('"sale",2026-03-02,"INV-P0000001","","\'=HYPERLINK(""x"")","Botox, ""glabella""",4,1200.00,"12.50 per unit",50.00,0.00');
    expect(rows[2]).toContain(',-1,-300.05,"12.50 per unit",-12.50,-0.05');
    expect(rows[5]).toBe('"Total",,,,,,,,,37.50,');
  });

  it('turns minor units into decimals without floating point', () => {
    expect([decimalOf(0, 'EUR'), decimalOf(7, 'EUR'), decimalOf(-105, 'USD'), decimalOf(1234, 'JPY'), decimalOf(-1001, 'KWD')]).toEqual(['0.00', '0.07', '-1.05', '1234', '-1.001']);
  });
});
