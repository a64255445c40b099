import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { DraftInput, type Invoice } from '../../../src-shared/contract/checkout';
import { LumenError } from '../../../src-shared/errors';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Field, FormError } from '../../lib/ui';
import { SellAhead } from '../prepaid/SellAhead';
import { ApprovalPanel } from '../promotions/ApprovalPanel';
import { CouponField } from '../promotions/CouponField';
import { DraftLine, type Choices } from './DraftLine';
import { blankLine, draftToValues, previewTotals, valuesToDraftInput, type DraftValues } from './draftValues';
import { TotalsTable } from './TotalsTable';

const isShortage = (error: unknown): error is { code: string; message: string; details: { shortages: unknown[] } } =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'conflict' && Array.isArray((error as { details?: { shortages?: unknown } }).details?.shortages);

/** The services, products, providers and tax rates a draft's lines pick from. */
function useChoices(): Choices | undefined {
  const services = useCall('catalog.services', { includeInactive: false });
  const staff = useCall('staff.list', { includeInactive: false });
  const taxRates = useCall('settings.taxRates', {});
  const can = useCan();
  const products = useCall('products.list', can('inventory.read') ? {} : null);
  if (!services.data || !staff.data || !taxRates.data) return undefined;
  const active = taxRates.data.filter((r) => r.active);
  return { services: services.data, products: products.data ?? [], staff: staff.data.filter((s) => s.active), taxRates: active, defaultRate: active.find((r) => r.isDefault)?.rateMillipercent ?? 0 };
}

/** A draft being written: its lines, the invoice discount and notes, with totals that follow every keystroke. */
export function DraftEditor({ invoice, onChanged }: { invoice: Invoice; onChanged: () => void }) {
  const { currency } = useClinic();
  const choices = useChoices();
  const form = useForm<DraftValues, unknown, ParsedInputOf<'invoices.saveDraft'>>({
    resolver: contractResolver(DraftInput, (v: DraftValues) => valuesToDraftInput(invoice.id, v, currency)),
    defaultValues: draftToValues(invoice, currency),
  });
  const { control, register, reset, formState } = form;
  const lines = useFieldArray({ control, name: 'lines' });
  const values = useWatch({ control }) as DraftValues;
  const preview = previewTotals(values, currency, invoice, (id) => choices?.services.find((s) => s.id === id)?.categoryId ?? null);
  const totals = preview && 'lines' in preview ? preview : null;
  // Set when the discount is above the seller's limit: the approver signs in below, and the draft saves with it.
  const [approvalReason, setApprovalReason] = useState<string | null>(null);

  /** The saved draft, or null when it waits for an approval. */
  const save = async (input: ParsedInputOf<'invoices.saveDraft'>, approval?: { username: string; password: string }) => {
    try {
      const saved = await client.call('invoices.saveDraft', approval ? { ...input, approval } : input);
      setApprovalReason(null);
      reset(draftToValues(saved, currency));
      return saved;
    } catch (error) {
      if (!(error instanceof LumenError && error.code === 'approval_required')) throw error;
      setApprovalReason(error.message);
      return null;
    }
  };
  const saved = () => {
    useUi.getState().notify('Draft saved');
    onChanged();
  };
  const onSave = submitWith(form, async (input) => {
    if (await save(input)) saved();
  });
  const approve = async (approval: { username: string; password: string }) => {
    let failure: unknown;
    await form.handleSubmit(async (input) => {
      try {
        if (await save(input, approval)) saved();
      } catch (error) {
        failure = error;
      }
    })();
    if (failure) throw failure;
  };
  const onIssue = submitWith(form, async (input) => {
    if (!(await save(input))) return;
    // Selling past the recorded stock needs the seller's word that the goods are on the shelf.
    const issued = await client.call('invoices.issue', { id: invoice.id }).catch((error: unknown) => {
      if (!isShortage(error) || !window.confirm(`${error.message}\n\nIssue anyway?`)) throw error;
      return client.call('invoices.issue', { id: invoice.id, sellBeyondStock: true });
    });
    useUi.getState().notify(`Invoice ${issued.number ?? ''} issued`);
    onChanged();
  });

  return (
    <form className="form draft-form" noValidate onSubmit={onSave} data-testid="draft-form">
      <div className="table-scroll">
        <table className="table table-compact draft-lines">
          <thead>
            <tr>
              <th>Item</th>
              <th>Provider</th>
              <th className="num">Units</th>
              <th className="num">Unit price</th>
              <th>Discount</th>
              <th>Tax</th>
              <th className="num">Total</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {choices &&
              lines.fields.map((line, index) => (
                <DraftLine key={line.id} form={form} index={index} choices={choices} currency={currency} lineTotal={totals?.lines[index]?.totalCents} onRemove={() => lines.remove(index)} />
              ))}
          </tbody>
        </table>
      </div>
      {!lines.fields.length && <p className="muted">No lines yet. Add a service or a product.</p>}
      <div className="actions actions-start">
        <button type="button" className="btn" disabled={!choices} onClick={() => lines.append(blankLine(choices?.defaultRate ?? 0), { focusName: `lines.${lines.fields.length}.serviceId` })} data-testid="line-add">
          Add line
        </button>
        {choices && <SellAhead defaultRate={choices.defaultRate} currency={currency} onPick={(line) => lines.append(line)} />}
      </div>
      <div className="grid-2">
        <div>
          <Field label="Invoice discount" error={formState.errors.discount?.message ?? formState.errors.discount?.root?.message}>
            <div className="inline">
              <select {...register('discountKind')} aria-label="Invoice discount type" data-testid="invoice-discount-kind">
                <option value="none">None</option>
                <option value="percent">%</option>
                <option value="amount">Amount</option>
              </select>
              {values.discountKind !== 'none' && <input {...register('discount')} aria-label="Invoice discount" inputMode="decimal" className="input-money" data-testid="invoice-discount" />}
            </div>
          </Field>
          <CouponField form={form} coupon={invoice.coupon} currency={currency} onApply={() => void onSave()} />
          <Field label="Notes" error={formState.errors.notes?.message}>
            <textarea rows={3} {...register('notes')} data-testid="invoice-notes" />
          </Field>
        </div>
        <div>
          {totals ? <TotalsTable totals={{ ...totals, coupon: invoice.coupon && { code: invoice.coupon.code, discountCents: totals.couponDiscountCents }, memberDiscount: invoice.memberDiscount && { ...invoice.memberDiscount, discountCents: totals.memberDiscountCents } }} currency={currency} /> : <p className="muted" data-testid="totals-pending">{preview && 'problem' in preview ? preview.problem : 'Totals show once every line has a quantity and a price.'}</p>}
        </div>
      </div>
      <FormError message={formState.errors.root?.server?.message ?? formState.errors.lines?.root?.message ?? formState.errors.lines?.message} />
      {approvalReason && <ApprovalPanel reason={approvalReason} onApprove={approve} onCancel={() => setApprovalReason(null)} />}
      <div className="actions">
        <button type="submit" className="btn" disabled={formState.isSubmitting} data-testid="draft-save">
          Save draft
        </button>
        <button type="button" className="btn btn-primary" disabled={formState.isSubmitting || !lines.fields.length} onClick={onIssue} data-testid="invoice-issue">
          Issue invoice
        </button>
      </div>
    </form>
  );
}
