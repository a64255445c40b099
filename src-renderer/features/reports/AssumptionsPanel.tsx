import { useState } from 'react';
import type { ProjectedSales, ProjectionOverrides } from '../../../src-shared/contract/reports-pipeline';
import type { z } from 'zod';
import { client, errorMessage } from '../../lib/client';
import { bpToPercent, centsToInput, inputToCents, percentToBp } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Field, FormError } from '../../lib/ui';

export type Overrides = z.input<typeof ProjectionOverrides>;
type Assumptions = ProjectedSales['assumptions'];

/** Text typed in the panel: rates as percents, average sales as amounts; kept as typed so a half-typed value stays. */
interface Drafts {
  consult: string;
  lead: string;
  asp: Record<string, string>;
}

const RATE_ERROR = 'A rate between 0 and 100 %';

/**
 * The projection's assumptions, editable in place: what is typed re-asks the report with `overrides` (the caller
 * debounces), so "what if consult conversion were 60 %?" is answered at once; the settings stay as they are until a
 * manager saves these as the defaults.
 */
export function AssumptionsPanel({
  assumptions,
  onChange,
  includeLeads,
  onIncludeLeads,
  onSaved,
}: {
  /** The first answer's assumptions (the settings); the panel is remounted after saving. */
  assumptions: Assumptions;
  onChange: (o: Overrides) => void;
  includeLeads: boolean;
  onIncludeLeads: (v: boolean) => void;
  onSaved: () => void;
}) {
  const { currency } = useClinic();
  const can = useCan();
  const save = useAction();
  // The settings as they were when the panel opened: only what differs from them is sent as an override.
  const [baseline] = useState(assumptions);
  const [drafts, setDrafts] = useState<Drafts>(() => ({
    consult: bpToPercent(assumptions.consultToTreatmentBp),
    lead: bpToPercent(assumptions.leadToConsultBp),
    asp: Object.fromEntries(assumptions.categories.map((c) => [String(c.categoryId), centsToInput(c.averageSaleCents, currency)])),
  }));
  const consultBp = percentToBp(drafts.consult);
  const leadBp = percentToBp(drafts.lead);
  const asp = Object.entries(drafts.asp).map(([id, text]) => [id, inputToCents(text, currency)] as const);
  const overridesOf = (d: Drafts): Overrides => {
    const c = percentToBp(d.consult);
    const l = percentToBp(d.lead);
    const prices = Object.entries(d.asp).flatMap(([id, text]) => {
      const cents = inputToCents(text, currency);
      const setting = baseline.categories.find((cat) => String(cat.categoryId) === id)?.averageSaleCents;
      return cents === null || cents < 0 || cents === setting ? [] : [[id, cents] as const];
    });
    return {
      ...(c === null || c === baseline.consultToTreatmentBp ? {} : { consultToTreatmentBp: c }),
      ...(l === null || l === baseline.leadToConsultBp ? {} : { leadToConsultBp: l }),
      ...(prices.length ? { averageSaleCents: Object.fromEntries(prices) } : {}),
    };
  };
  const update = (patch: Partial<Drafts>) => {
    const next = { ...drafts, ...patch };
    setDrafts(next);
    onChange(overridesOf(next));
  };
  const valid = consultBp !== null && leadBp !== null && asp.every(([, cents]) => cents !== null && cents >= 0);
  const saveDefaults = () =>
    save.run(async () => {
      if (!valid) return;
      await client.call('reports.updatePipelineSettings', {
        consultToTreatmentBp: consultBp,
        leadToConsultBp: leadBp,
        categories: asp.map(([id, cents]) => ({ categoryId: Number(id), averageSaleCents: cents! })),
      });
      useUi.getState().notify('The projection’s assumptions are the clinic’s defaults now.');
      onSaved();
    });
  return (
    <fieldset className="assumptions no-print" data-testid="assumptions">
      <legend>Assumptions</legend>
      <Field label="Consult → treatment %" error={consultBp === null ? RATE_ERROR : undefined}>
        <input inputMode="decimal" value={drafts.consult} onChange={(e) => update({ consult: e.target.value })} data-testid="assume-consult" />
      </Field>
      <Field label="Lead → consult %" error={leadBp === null ? RATE_ERROR : undefined}>
        <input inputMode="decimal" value={drafts.lead} onChange={(e) => update({ lead: e.target.value })} data-testid="assume-lead" />
      </Field>
      <label className="inline checkbox">
        <input type="checkbox" checked={includeLeads} onChange={(e) => onIncludeLeads(e.target.checked)} data-testid="assume-leads" /> Include open leads
      </label>
      <div className="assumptions-asp" role="group" aria-label="Average sale per category">
        {assumptions.categories.map((c) => {
          const id = String(c.categoryId);
          const cents = inputToCents(drafts.asp[id] ?? '', currency);
          return (
            <Field key={id} label={`${c.categoryName} average sale`} error={cents === null || cents < 0 ? 'An amount' : undefined}>
              <input inputMode="decimal" value={drafts.asp[id] ?? ''} onChange={(e) => update({ asp: { ...drafts.asp, [id]: e.target.value } })} data-testid={`assume-asp-${c.categoryName}`} />
            </Field>
          );
        })}
      </div>
      {can('settings.manage') && (
        <div className="actions">
          <button type="button" className="btn" disabled={!valid || save.busy} onClick={() => void saveDefaults()} data-testid="assume-save">
            Save as defaults
          </button>
        </div>
      )}
      {save.error !== undefined && <FormError message={errorMessage(save.error)} />}
    </fieldset>
  );
}
