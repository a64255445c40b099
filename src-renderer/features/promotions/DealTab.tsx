import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { DealDefinition, dealKinds } from '../../../src-shared/contract/promotions';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { centsToInput, inputToCents } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Async, Field, FormError } from '../../lib/ui';

const kindLabels: Record<(typeof dealKinds)[number], string> = { consult: 'Consultations', treatment: 'Treatments', product: 'Retail products', package: 'Packages', other: 'Other lines (no service)' };

interface DealValues {
  minCents: string;
  kinds: string[];
}

/** Which sales count as a deal: the profile's "first deal / repeat" tag and the segments follow it. */
export function DealTab({ manage }: { manage: boolean }) {
  const state = useCall('deals.definition', {});
  return <Async state={state}>{(definition) => <DealForm definition={definition} manage={manage} onSaved={state.reload} />}</Async>;
}

function DealForm({ definition, manage, onSaved }: { definition: DealDefinition; manage: boolean; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<DealValues, unknown, z.output<typeof DealDefinition>>({
    resolver: contractResolver(DealDefinition, (v: DealValues) => ({ minCents: v.minCents.trim() ? (inputToCents(v.minCents, currency) ?? NaN) : 0, kinds: v.kinds })),
    defaultValues: { minCents: definition.minCents ? centsToInput(definition.minCents, currency) : '', kinds: definition.kinds },
  });
  const { register, formState } = form;
  const save = submitWith(form, async (input) => {
    await client.call('deals.saveDefinition', input);
    useUi.getState().notify('Deal definition saved');
    onSaved();
  });
  return (
    <form className="form panel" noValidate onSubmit={save} data-testid="deal-definition">
      <p className="muted">A deal is an issued invoice, not void and not wholly refunded, of at least this total with an item of one of these kinds.</p>
      <Field label={`Least total (${currency})`} error={formState.errors.minCents?.message}>
        <input {...register('minCents')} inputMode="decimal" className="input-money" disabled={!manage} data-testid="deal-min" />
      </Field>
      <fieldset className="promo-fieldset" disabled={!manage}>
        <legend>Items that make a deal</legend>
        {dealKinds.map((kind) => (
          <label key={kind} className="check">
            <input type="checkbox" value={kind} {...register('kinds')} /> {kindLabels[kind]}
          </label>
        ))}
        {formState.errors.kinds && <span className="field-error">Pick at least one kind.</span>}
      </fieldset>
      <FormError message={formState.errors.root?.server?.message} />
      {manage && (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting}>
            Save
          </button>
        </div>
      )}
    </form>
  );
}
