import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { CalendarDate } from '../../../src-shared/contract/common';
import { CouponInput, type Coupon } from '../../../src-shared/contract/promotions';
import { localDate } from '../../../src-shared/time';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { bpToPercent, centsToInput, inputToCents, percentToBp } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Check, Dialog, Field } from '../../lib/ui';
import { wholeOrNull } from './labels';

interface CouponValues {
  name: string;
  code: string;
  kind: 'percent' | 'amount';
  value: string;
  validFrom: string;
  validTo: string;
  maxUses: string;
  maxUsesPerPatient: string;
  minSpendCents: string;
  categoryIds: string[];
  serviceIds: string[];
  active: boolean;
}

const text = (n: number | null) => (n === null ? '' : String(n));

/** A coupon's rules: value, window (clinic dates), limits, eligible categories and services, minimum spend. */
export function CouponDialog({ coupon, campaignId, onClose, onSaved }: { coupon: Coupon | null; campaignId: number; onClose: () => void; onSaved: () => void }) {
  const { currency, timeZone } = useClinic();
  const categories = useCall('catalog.categories', {});
  const services = useCall('catalog.services', { includeInactive: false });
  const today = localDate(new Date().toISOString(), timeZone);
  const form = useForm<CouponValues, unknown, z.output<typeof CouponInput>>({
    resolver: contractResolver(CouponInput, (v: CouponValues) => ({
      id: coupon?.id,
      campaignId,
      name: v.name,
      code: coupon || !v.code.trim() ? undefined : v.code.trim(),
      discount: v.kind === 'percent' ? { kind: 'percent' as const, basisPoints: percentToBp(v.value) ?? NaN } : { kind: 'amount' as const, cents: inputToCents(v.value, currency) ?? NaN },
      validFrom: v.validFrom,
      validTo: v.validTo,
      maxUses: wholeOrNull(v.maxUses),
      maxUsesPerPatient: wholeOrNull(v.maxUsesPerPatient),
      minSpendCents: v.minSpendCents.trim() ? (inputToCents(v.minSpendCents, currency) ?? NaN) : 0,
      categoryIds: v.categoryIds.map(Number),
      serviceIds: v.serviceIds.map(Number),
      active: v.active,
    })),
    defaultValues: {
      name: coupon?.name ?? '',
      code: coupon?.sharedCode ?? '',
      kind: coupon?.discount.kind ?? 'percent',
      value: !coupon ? '' : coupon.discount.kind === 'percent' ? bpToPercent(coupon.discount.basisPoints) : centsToInput(coupon.discount.cents, currency),
      validFrom: coupon?.validFrom ?? today,
      validTo: coupon?.validTo ?? today,
      maxUses: text(coupon?.maxUses ?? null),
      maxUsesPerPatient: text(coupon?.maxUsesPerPatient ?? null),
      minSpendCents: coupon?.minSpendCents ? centsToInput(coupon.minSpendCents, currency) : '',
      categoryIds: coupon?.categoryIds.map(String) ?? [],
      serviceIds: coupon?.serviceIds.map(String) ?? [],
      active: coupon?.active ?? true,
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  // The contract names the value discount.basisPoints or discount.cents; the form holds it as kind + value.
  const discountError = (e as { discount?: { message?: string; basisPoints?: { message?: string }; cents?: { message?: string } } }).discount;
  return (
    <Dialog title={coupon ? 'Edit coupon' : 'New coupon'} onClose={onClose} wide testId="coupon-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('coupons.save', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'coupon-save' }}>
        <div className="grid-2">
          <Field label="Name" error={e.name?.message}>
            <input {...register('name')} autoFocus data-testid="coupon-name" />
          </Field>
          <Field label="Shared code" error={e.code?.message} hint={coupon ? 'A code cannot change' : 'Leave empty to hand out e-coupons, one per patient'}>
            <input {...register('code')} disabled={!!coupon} className="mono" data-testid="coupon-shared-code" />
          </Field>
          <Field label="Discount" error={discountError?.message ?? discountError?.basisPoints?.message ?? discountError?.cents?.message ?? e.value?.message}>
            <div className="inline">
              <select {...register('kind')} aria-label="Discount type" data-testid="coupon-kind">
                <option value="percent">%</option>
                <option value="amount">Amount</option>
              </select>
              <input {...register('value')} inputMode="decimal" className="input-money" aria-label="Discount value" data-testid="coupon-value" />
            </div>
          </Field>
          <Field label={`Minimum spend (${currency})`} error={e.minSpendCents?.message}>
            <input {...register('minSpendCents')} inputMode="decimal" className="input-money" data-testid="coupon-min-spend" />
          </Field>
          <Field label="First day" error={e.validFrom?.message}>
            <input type="date" {...register('validFrom')} data-testid="coupon-from" />
          </Field>
          <Field label="Last day" error={e.validTo?.message}>
            <input type="date" {...register('validTo')} data-testid="coupon-to" />
          </Field>
          <Field label="Uses in all" error={e.maxUses?.message} hint="Empty: no limit">
            <input {...register('maxUses')} inputMode="numeric" className="input-short" data-testid="coupon-max-uses" />
          </Field>
          <Field label="Uses per patient" error={e.maxUsesPerPatient?.message} hint="Empty: no limit">
            <input {...register('maxUsesPerPatient')} inputMode="numeric" className="input-short" data-testid="coupon-max-per-patient" />
          </Field>
        </div>
        <fieldset className="promo-fieldset">
          <legend>Eligible categories (none and no services: every line)</legend>
          <div className="check-grid">
            {categories.data?.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" value={String(c.id)} {...register('categoryIds')} /> {c.name}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Eligible services" error={e.serviceIds?.message}>
          <select multiple size={4} {...register('serviceIds')} data-testid="coupon-services">
            {services.data?.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}

const ExtendSchema = z.strictObject({ id: z.number(), validTo: CalendarDate });

/** Moves a coupon's last day later (audited). */
export function ExtendDialog({ coupon, onClose, onSaved }: { coupon: Coupon; onClose: () => void; onSaved: () => void }) {
  const form = useForm<{ validTo: string }, unknown, z.output<typeof ExtendSchema>>({
    resolver: contractResolver(ExtendSchema, (v: { validTo: string }) => ({ id: coupon.id, validTo: v.validTo })),
    defaultValues: { validTo: coupon.validTo },
  });
  return (
    <Dialog title={`Extend ${coupon.name}`} onClose={onClose} testId="extend-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('coupons.extend', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Extend', testId: 'extend-save' }}>
        <Field label="New last day" error={form.formState.errors.validTo?.message} hint={`Now valid until ${coupon.validTo}`}>
          <input type="date" {...form.register('validTo')} autoFocus data-testid="extend-to" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
