import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { DiscountLimits } from '../../../src-shared/contract/promotions';
import { roleLabels } from '../../../src-shared/permissions';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { bpToPercent, centsToInput, inputToCents, percentToBp } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { AsyncList } from '../../lib/ListPanel';
import { useClinic, useUi } from '../../lib/store';
import { FormError } from '../../lib/ui';

interface LimitValues {
  lineBasisPoints: string;
  lineCents: string;
  invoiceBasisPoints: string;
  invoiceCents: string;
}

/** The largest discount each role gives without a manager's approval; empty means no limit. */
export function LimitsTab({ manage }: { manage: boolean }) {
  const state = useCall('discountLimits.list', {});
  return (
    <div className="panel" data-testid="discount-limits">
      <p className="muted">A discount above these needs the sign-in of someone whose own limit covers it. Coupons within their rules need no approval.</p>
      <AsyncList state={state}>
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th>Role</th>
                <th>Per line %</th>
                <th>Per line amount</th>
                <th>Per invoice %</th>
                <th>Per invoice amount</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <LimitRow key={row.role} limits={row} manage={manage} onSaved={state.reload} />
              ))}
            </tbody>
          </table>
        )}
      </AsyncList>
    </div>
  );
}

function LimitRow({ limits, manage, onSaved }: { limits: DiscountLimits; manage: boolean; onSaved: () => void }) {
  const { currency } = useClinic();
  const percent = (text: string) => (text.trim() ? (percentToBp(text) ?? NaN) : null);
  const amount = (text: string) => (text.trim() ? (inputToCents(text, currency) ?? NaN) : null);
  const form = useForm<LimitValues, unknown, z.output<typeof DiscountLimits>>({
    resolver: contractResolver(DiscountLimits, (v: LimitValues) => ({
      role: limits.role,
      lineBasisPoints: percent(v.lineBasisPoints),
      lineCents: amount(v.lineCents),
      invoiceBasisPoints: percent(v.invoiceBasisPoints),
      invoiceCents: amount(v.invoiceCents),
    })),
    defaultValues: {
      lineBasisPoints: limits.lineBasisPoints === null ? '' : bpToPercent(limits.lineBasisPoints),
      lineCents: limits.lineCents === null ? '' : centsToInput(limits.lineCents, currency),
      invoiceBasisPoints: limits.invoiceBasisPoints === null ? '' : bpToPercent(limits.invoiceBasisPoints),
      invoiceCents: limits.invoiceCents === null ? '' : centsToInput(limits.invoiceCents, currency),
    },
  });
  const { register, formState } = form;
  const save = submitWith(form, async (input) => {
    await client.call('discountLimits.save', input);
    useUi.getState().notify(`Discount limits of ${roleLabels[limits.role]} saved`);
    onSaved();
  });
  const cell = (name: keyof LimitValues, label: string) => (
    <td>
      <input {...register(name)} inputMode="decimal" className="input-short" placeholder="No limit" aria-label={`${roleLabels[limits.role]}: ${label}`} disabled={!manage} />
      {formState.errors[name] && <span className="field-error">{formState.errors[name]?.message}</span>}
    </td>
  );
  return (
    <tr data-testid="limit-row">
      <th scope="row">{roleLabels[limits.role]}</th>
      {cell('lineBasisPoints', 'per line percent')}
      {cell('lineCents', 'per line amount')}
      {cell('invoiceBasisPoints', 'per invoice percent')}
      {cell('invoiceCents', 'per invoice amount')}
      <td>
        {manage && (
          <button type="button" className="btn" disabled={!formState.isDirty || formState.isSubmitting} onClick={() => void save()}>
            Save
          </button>
        )}
        <FormError message={formState.errors.root?.server?.message} />
      </td>
    </tr>
  );
}
