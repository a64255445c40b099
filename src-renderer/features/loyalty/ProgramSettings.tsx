import { useForm, useWatch } from 'react-hook-form';
import type { Category } from '../../../src-shared/contract/catalog';
import type { LoyaltySettings } from '../../../src-shared/contract/loyalty';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { inputToCents, money, readWhole } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Async, Check, Field, SubmitRow } from '../../lib/ui';
import { MultipliersEditor } from './MultipliersEditor';
import { programInput, ProgramSchema, programValues, type ProgramInput, type ProgramValues } from './programValues';
import { TiersEditor } from './TiersEditor';
import './loyalty.css';

/** Settings → Loyalty program: earning, what points pay, expiry, review points and the tiers. Managers edit; others read. */
export function ProgramSettings() {
  const program = useCall('loyalty.settings', {});
  const categories = useCall('catalog.categories', { includeInactive: true });
  return (
    <Async state={program} loadingLabel="Loading the loyalty program…">
      {(p) => <Async state={categories}>{(list) => <ProgramForm program={p} categories={list} onSaved={program.reload} />}</Async>}
    </Async>
  );
}

function ProgramForm({ program, categories, onSaved }: { program: LoyaltySettings; categories: Category[]; onSaved: () => void }) {
  const { currency } = useClinic();
  const manage = useCan()('loyalty.manage');
  const form = useForm<ProgramValues, unknown, ProgramInput>({
    resolver: contractResolver(ProgramSchema, (v: ProgramValues) => programInput(v, currency)),
    defaultValues: programValues(program, currency),
  });
  const { register, formState, control, reset } = form;
  const e = formState.errors;
  const [redeemPoints, redeemCents] = useWatch({ control, name: ['redeemPoints', 'redeemCents'] });
  const save = submitWith(form, async (input) => {
    const saved = await client.call('loyalty.saveSettings', input);
    reset(programValues(saved, currency));
    useUi.getState().notify(saved.enabled ? 'Loyalty program saved: patients earn points' : 'Loyalty program saved (switched off)');
    onSaved();
  });
  return (
    <form className="form panel" noValidate onSubmit={save} data-testid="loyalty-settings">
      <fieldset disabled={!manage}>
        <legend>Loyalty program</legend>
        {!manage && <p className="muted small">Only a manager or the owner changes the program.</p>}
        <Check label="Patients earn and redeem points" field={register('enabled')} testId="loyalty-enabled" />
        <div className="row">
          <Field label={`Points per whole ${currency}`} error={e.pointsPerUnit?.message} hint="Of each line’s net, after discounts, before tax">
            <input {...register('pointsPerUnit')} inputMode="numeric" className="input-short" data-testid="loyalty-points-per-unit" />
          </Field>
          <Field label="Points expire after (months)" error={e.expiryMonths?.message} hint="0: never">
            <input {...register('expiryMonths')} inputMode="numeric" className="input-short" data-testid="loyalty-expiry" />
          </Field>
          <Field label="Points for a confirmed review" error={e.reviewPoints?.message}>
            <input {...register('reviewPoints')} inputMode="numeric" className="input-short" data-testid="loyalty-review-points" />
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={!manage}>
        <legend>Redeeming at the desk</legend>
        <div className="row row-tight">
          <Field label="Points" error={e.redeemPoints?.message}>
            <input {...register('redeemPoints')} inputMode="numeric" className="input-short" data-testid="loyalty-redeem-points" />
          </Field>
          <Field label={`pay (${currency})`} error={e.redeemCents?.message}>
            <input {...register('redeemCents')} inputMode="decimal" className="input-short" data-testid="loyalty-redeem-amount" />
          </Field>
          <Field label="The fewest points one payment uses" error={e.minimumRedeemPoints?.message}>
            <input {...register('minimumRedeemPoints')} inputMode="numeric" className="input-short" data-testid="loyalty-minimum" />
          </Field>
        </div>
        <p className="muted small" data-testid="loyalty-rate">
          {rateSentence(redeemPoints, redeemCents, currency)}
        </p>
      </fieldset>
      <fieldset disabled={!manage}>
        <legend>Category multipliers</legend>
        <MultipliersEditor form={form} categories={categories} />
      </fieldset>
      <fieldset disabled={!manage}>
        <legend>Tiers</legend>
        <TiersEditor form={form} categories={categories} />
      </fieldset>
      <SubmitRow error={e.root?.server?.message} busy={formState.isSubmitting} testId="loyalty-save" hidden={!manage}>
        Save program
      </SubmitRow>
    </form>
  );
}

/** "100 points = €5.00", as the desk will read it; nothing while the numbers cannot be read. */
function rateSentence(points: string, amount: string, currency: string): string {
  const n = readWhole(points);
  const cents = inputToCents(amount, currency);
  if (Number.isNaN(n) || n < 1 || cents === null || cents < 1) return 'Give the points and what they pay.';
  return `${n.toLocaleString()} points = ${money(cents, currency)}`;
}
