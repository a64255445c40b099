import type { ReactNode } from 'react';
import { bpToPercent, money } from '../../lib/format';
import { rateLabel } from './labels';

export interface Totals {
  grossCents: number;
  discountCents: number;
  netCents: number;
  taxCents: number;
  totalCents: number;
  taxes: { rateMillipercent: number; netCents: number; taxCents: number }[];
  /** The coupon applied (part of the discounts). */
  coupon?: { code: string; discountCents: number } | null;
  /** The loyalty tier's discount (part of the discounts). */
  memberDiscount?: { tier: string; basisPoints: number; discountCents: number } | null;
}

/** An invoice's figures: subtotal, discounts, net, tax by rate and total; `after` adds rows (paid, due). */
export function TotalsTable({ totals, currency, after, testId = 'invoice-totals' }: { totals: Totals; currency: string; after?: ReactNode; testId?: string }) {
  return (
    <table className="table table-compact totals-table" data-testid={testId}>
      <tbody>
        <tr>
          <th scope="row">Subtotal</th>
          <td className="num">{money(totals.grossCents, currency)}</td>
        </tr>
        {totals.discountCents > 0 && (
          <tr>
            <th scope="row">Discounts</th>
            <td className="num" data-testid="totals-discount">
              −{money(totals.discountCents, currency)}
            </td>
          </tr>
        )}
        {totals.memberDiscount && totals.memberDiscount.discountCents > 0 && (
          <tr data-testid="totals-member">
            <th scope="row" className="muted">
              incl. {totals.memberDiscount.tier} member {bpToPercent(totals.memberDiscount.basisPoints)} %
            </th>
            <td className="num muted">−{money(totals.memberDiscount.discountCents, currency)}</td>
          </tr>
        )}
        {totals.coupon && totals.coupon.discountCents > 0 && (
          <tr data-testid="totals-coupon">
            <th scope="row" className="muted">
              incl. coupon {totals.coupon.code}
            </th>
            <td className="num muted">−{money(totals.coupon.discountCents, currency)}</td>
          </tr>
        )}
        <tr>
          <th scope="row">Net</th>
          <td className="num">{money(totals.netCents, currency)}</td>
        </tr>
        {totals.taxes.map((t) => (
          <tr key={t.rateMillipercent} data-testid="totals-tax">
            <th scope="row">
              Tax {rateLabel(t.rateMillipercent)} <span className="muted small">on {money(t.netCents, currency)}</span>
            </th>
            <td className="num">{money(t.taxCents, currency)}</td>
          </tr>
        ))}
        <tr className="totals-grand">
          <th scope="row">Total</th>
          <td className="num" data-testid="totals-total">
            {money(totals.totalCents, currency)}
          </td>
        </tr>
        {after}
      </tbody>
    </table>
  );
}
