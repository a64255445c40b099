import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { refundShare } from '../../../src-shared/checkout/totals';
import { CreditNoteInput, type Invoice } from '../../../src-shared/contract/checkout';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { money } from '../../lib/format';
import { contractResolver } from '../../lib/forms';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { messageOf } from './fieldMessage';

interface CreditValues {
  /** Units to return per invoice line, as typed; blank or 0 leaves the line alone. */
  units: string[];
  reason: string;
  refundTo: 'originalTender' | 'storeCredit';
}

type InvoiceLine = Invoice['lines'][number];

const unitsOf = (text: string | undefined): number => (/^\s*\d+\s*$/.test(text ?? '') ? Number(text) : text?.trim() ? NaN : 0);
const leftOf = (line: InvoiceLine) => line.quantity - line.refundedQuantity;

/** What returning `units` of a line gives back, by the same cumulative rounding the server uses; null when out of range. */
function creditFor(line: InvoiceLine, units: number): number | null {
  if (!Number.isSafeInteger(units) || units < 1 || units > leftOf(line)) return null;
  return refundShare({ ...line, lineDiscountCents: line.discountCents, invoiceDiscountCents: 0 }, line.quantity, line.refundedQuantity, units).totalCents;
}

/** A credit note: units of chosen lines back, to the tenders that paid or as store credit; then what was refunded. */
export function CreditNoteDialog({ invoice, onClose, onDone }: { invoice: Invoice; onClose: () => void; onDone: () => void }) {
  const { currency } = useClinic();
  const [result, setResult] = useState<{ number: string; creditedCents: number; refundedCents: number; storeCredit: boolean } | null>(null);
  const form = useForm<CreditValues, unknown, ParsedInputOf<'creditNotes.create'>>({
    resolver: contractResolver(CreditNoteInput, (v: CreditValues) => ({
      invoiceId: invoice.id,
      lines: invoice.lines.flatMap((line, i) => (unitsOf(v.units[i]) === 0 ? [] : [{ invoiceLineId: line.id, quantity: unitsOf(v.units[i]) }])),
      reason: v.reason,
      refundTo: v.refundTo,
    })),
    defaultValues: { units: invoice.lines.map(() => ''), reason: '', refundTo: 'originalTender' },
  });
  const { control, register, formState } = form;
  const units = (useWatch({ control, name: 'units' }) as string[]).map(unitsOf);
  const credits = invoice.lines.map((line, i) => (units[i] === 0 ? 0 : creditFor(line, units[i])));
  const total = credits.every((c) => c !== null) ? credits.reduce<number>((sum, c) => sum + (c ?? 0), 0) : null;

  if (result) {
    return (
      <Dialog title={`Credit note ${result.number}`} onClose={onDone} testId="credit-dialog">
        <p data-testid="credit-result">
          Credited {money(result.creditedCents, currency)}.{' '}
          {result.refundedCents ? `${money(result.refundedCents, currency)} refunded ${result.storeCredit ? 'as store credit' : 'to the original tender'}.` : 'Nothing was paid beyond what is still billed, so nothing goes back.'}
        </p>
        <div className="actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={onDone} data-testid="credit-done">
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  // The contract's checks name `lines.N.quantity` of the chosen lines only; shown under the table.
  const lineMessage = messageOf((formState.errors as Record<string, unknown>).lines);
  return (
    <Dialog title={`Credit / refund ${invoice.number ?? ''}`} onClose={onClose} wide testId="credit-dialog">
      <DialogForm
        form={form}
        onCancel={onClose}
        refusals={{ known: ['reason', 'refundTo'] }}
        submit={{ label: total ? `Credit ${money(total, currency)}` : 'Credit', testId: 'credit-submit', disabled: !total }}
        onSubmit={async (input) => {
          const done = await client.call('creditNotes.create', input);
          useUi.getState().notify(`Credit note ${done.creditNote.number} created`);
          setResult({ number: done.creditNote.number, creditedCents: done.creditNote.totalCents, refundedCents: done.refundedCents, storeCredit: input.refundTo === 'storeCredit' });
        }}
      >
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Item</th>
              <th className="num">Sold</th>
              <th className="num">Units back</th>
              <th className="num">Credit</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, i) => (
              <tr key={line.id} data-testid="credit-line">
                <td>{line.description}</td>
                <td className="num">
                  {line.quantity}
                  {line.refundedQuantity > 0 && <span className="muted small"> ({line.refundedQuantity} back already)</span>}
                </td>
                <td className="num">
                  <input {...register(`units.${i}`)} type="number" min={0} max={leftOf(line)} disabled={leftOf(line) === 0} aria-label={`Units of ${line.description} back (at most ${leftOf(line)})`} className="input-units" data-testid={`credit-units-${i}`} />
                </td>
                <td className="num">{credits[i] === null ? <span className="field-error">At most {leftOf(line)}</span> : credits[i] ? money(credits[i], currency) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {lineMessage && <p className="field-error">{lineMessage}</p>}
        <Field label="Reason" error={formState.errors.reason?.message}>
          <input {...register('reason')} maxLength={300} data-testid="credit-reason" />
        </Field>
        <fieldset className="radio-row">
          <legend>Refund</legend>
          <label className="inline">
            <input type="radio" value="originalTender" {...register('refundTo')} data-testid="refund-original" /> To the original tender
          </label>
          <label className="inline">
            <input type="radio" value="storeCredit" disabled={invoice.patientId === null} {...register('refundTo')} data-testid="refund-store-credit" /> As store credit
          </label>
          {formState.errors.refundTo?.message && <span className="field-error">{formState.errors.refundTo.message}</span>}
        </fieldset>
      </DialogForm>
    </Dialog>
  );
}
