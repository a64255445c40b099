import type { UseFormReturn } from 'react-hook-form';
import type { Invoice } from '../../../src-shared/contract/checkout';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { money } from '../../lib/format';
import { Field } from '../../lib/ui';
import type { DraftValues } from '../checkout/draftValues';
import './promotions.css';

/**
 * The coupon of a draft: typed in and applied by saving (the main process checks its rules and which lines it
 * reduces); a refusal shows beside it. Enter in the field applies it.
 */
export function CouponField({ form, coupon, currency, onApply }: { form: UseFormReturn<DraftValues, unknown, ParsedInputOf<'invoices.saveDraft'>>; coupon: Invoice['coupon']; currency: string; onApply: () => void }) {
  const { register, setValue, formState } = form;
  const remove = () => {
    setValue('couponCode', '', { shouldDirty: true });
    onApply();
  };
  return (
    <Field label="Coupon" error={formState.errors.couponCode?.message} hint={coupon ? `${coupon.name}: −${money(coupon.discountCents, currency)}` : 'A campaign or e-coupon code'}>
      <div className="inline">
        <input {...register('couponCode')} aria-label="Coupon code" autoComplete="off" spellCheck={false} maxLength={32} className="input-code" data-testid="coupon-code" />
        <button type="button" className="btn" onClick={onApply} data-testid="coupon-apply">
          Apply
        </button>
        {coupon && (
          <button type="button" className="btn btn-link" onClick={remove} data-testid="coupon-remove">
            Remove
          </button>
        )}
      </div>
    </Field>
  );
}
