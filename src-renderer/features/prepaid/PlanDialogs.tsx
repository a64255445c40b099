import { useForm } from 'react-hook-form';
import { PackagePlanInput, TopUpPlanInput, type PackagePlan, type TopUpPlan } from '../../../src-shared/contract/prepaid';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { centsToInput, inputToCents, readWhole } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Check, Dialog, Field } from '../../lib/ui';

interface PackageValues {
  name: string;
  /** "service:12" or "category:3". */
  covers: string;
  units: string;
  priceCents: string;
  validityDays: string;
  transferable: boolean;
  active: boolean;
}

/** A package plan: what it covers, how many sessions or units, its price and how long it stays valid. */
export function PackagePlanDialog({ plan, onClose, onSaved }: { plan: PackagePlan | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const services = useCall('catalog.services', { includeInactive: false });
  const categories = useCall('catalog.categories', {});
  const form = useForm<PackageValues, unknown, ParsedInputOf<'packagePlans.save'>>({
    resolver: contractResolver(PackagePlanInput, (v: PackageValues) => {
      const [kind, id] = v.covers.split(':');
      return {
        id: plan?.id,
        name: v.name,
        serviceId: kind === 'service' ? Number(id) : null,
        categoryId: kind === 'category' ? Number(id) : null,
        units: readWhole(v.units),
        priceCents: inputToCents(v.priceCents, currency) ?? NaN,
        validityDays: readWhole(v.validityDays),
        transferable: v.transferable,
        active: v.active,
      };
    }),
    defaultValues: {
      name: plan?.name ?? '',
      covers: plan ? (plan.serviceId !== null ? `service:${plan.serviceId}` : `category:${plan.categoryId}`) : '',
      units: plan ? String(plan.units) : '6',
      priceCents: plan ? centsToInput(plan.priceCents, currency) : '',
      validityDays: plan ? String(plan.validityDays) : '365',
      transferable: plan?.transferable ?? false,
      active: plan?.active ?? true,
    },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={plan ? 'Edit package' : 'New package'} onClose={onClose} testId="package-plan-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('packagePlans.save', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'package-plan-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus placeholder="Laser legs ×6" data-testid="package-plan-name" />
        </Field>
        <Field label="Covers" error={e.covers?.message ?? (formState.errors as Record<string, { message?: string }>).serviceId?.message}>
          <select {...register('covers')} data-testid="package-plan-covers">
            <option value="">Choose a service or a category…</option>
            <optgroup label="One service">
              {services.data?.map((s) => (
                <option key={s.id} value={`service:${s.id}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Any service of a category">
              {categories.data?.map((c) => (
                <option key={c.id} value={`category:${c.id}`}>
                  Any {c.name}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
        <Field label="Sessions or units" error={e.units?.message}>
          <input inputMode="numeric" {...register('units')} className="input-short" data-testid="package-plan-units" />
        </Field>
        <Field label={`Price (${currency})`} error={e.priceCents?.message}>
          <input inputMode="decimal" {...register('priceCents')} className="input-short" data-testid="package-plan-price" />
        </Field>
        <Field label="Valid for (days from sale)" error={e.validityDays?.message}>
          <input inputMode="numeric" {...register('validityDays')} className="input-short" data-testid="package-plan-validity" />
        </Field>
        <Check label="May be transferred to another patient" field={register('transferable')} />
        <Check label="Sold now (active)" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}

interface TopUpValues {
  name: string;
  amountCents: string;
  bonusCents: string;
  active: boolean;
}

/** A top-up plan: pay an amount, receive it plus a bonus on stored value. */
export function TopUpPlanDialog({ plan, onClose, onSaved }: { plan: TopUpPlan | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<TopUpValues, unknown, ParsedInputOf<'topUpPlans.save'>>({
    resolver: contractResolver(TopUpPlanInput, (v: TopUpValues) => ({
      id: plan?.id,
      name: v.name,
      amountCents: inputToCents(v.amountCents, currency) ?? NaN,
      bonusCents: v.bonusCents.trim() ? (inputToCents(v.bonusCents, currency) ?? NaN) : 0,
      active: v.active,
    })),
    defaultValues: { name: plan?.name ?? '', amountCents: plan ? centsToInput(plan.amountCents, currency) : '', bonusCents: plan ? centsToInput(plan.bonusCents, currency) : '', active: plan?.active ?? true },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={plan ? 'Edit top-up' : 'New top-up'} onClose={onClose} testId="top-up-plan-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('topUpPlans.save', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'top-up-plan-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus placeholder="Pay 1,000 get 1,100" data-testid="top-up-plan-name" />
        </Field>
        <Field label={`Patient pays (${currency})`} error={e.amountCents?.message}>
          <input inputMode="decimal" {...register('amountCents')} className="input-short" data-testid="top-up-plan-amount" />
        </Field>
        <Field label={`Bonus added (${currency})`} error={e.bonusCents?.message}>
          <input inputMode="decimal" {...register('bonusCents')} className="input-short" data-testid="top-up-plan-bonus" />
        </Field>
        <Check label="Sold now (active)" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}
