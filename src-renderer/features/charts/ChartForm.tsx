import { useEffect, useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import { charts, type ChartContent, type ChartTemplate } from '../../../src-shared/contract/charts';
import { client } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { contractResolver } from '../../lib/forms';
import { useDebounced } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Badge, ComboBox, ConfirmDialog, Field, FormError } from '../../lib/ui';
import { FaceMap } from './FaceMap';
import { siteNames } from './sites';
import {
  emptyDevice,
  emptyInjection,
  forgetLots,
  lotsFor,
  showChartError,
  toContent,
  totalsByProduct,
  unitLabels,
  type ChartValues,
  type ContentValues,
  type Lot,
} from './chartValues';

const draftSchema = charts['charts.saveDraft'].input.pick({ content: true });
const amendSchema = charts['charts.amend'].input.pick({ content: true, reason: true });
type Output = { content: ChartContent; reason?: string };

export type ChartFormMode = { kind: 'draft'; chartId?: number } | { kind: 'amend'; chartId: number };

/**
 * The note of one visit: SOAP, injections (site list and face map, lot and expiry) or device settings, consent
 * and post-care. Drafts save and sign; a signed note is only ever amended (with a reason).
 */
export function ChartForm({
  appointmentId,
  template,
  initial,
  visitDate,
  mode,
  onSaved,
  onCancel,
}: {
  appointmentId: number;
  template: ChartTemplate;
  initial: ContentValues;
  /** The visit's local date: a lot that expired before it is flagged. */
  visitDate: string | null;
  mode: ChartFormMode;
  onSaved: (chartId: number) => void;
  onCancel?: () => void;
}) {
  const amending = mode.kind === 'amend';
  const [chartId, setChartId] = useState(mode.chartId);
  const [signing, setSigning] = useState<Output | null>(null);
  const form = useForm<ChartValues, unknown, Output>({
    resolver: contractResolver(amending ? amendSchema : draftSchema, (v: ChartValues) => ({
      content: toContent(template, v.content),
      ...(amending ? { reason: v.reason } : {}),
    })) as never,
    defaultValues: { content: initial, reason: '' },
  });
  const { register, control, handleSubmit, setError, setValue, reset, formState } = form;
  const injections = useFieldArray({ control, name: 'content.injections' });
  const devices = useFieldArray({ control, name: 'content.deviceSettings' });
  const rows = useWatch({ control, name: 'content.injections' });
  const deviceRows = useWatch({ control, name: 'content.deviceSettings' });
  const e = formState.errors;
  const ie = e.content?.injections;
  const de = e.content?.deviceSettings;

  const showInjections = template === 'injectable' || injections.fields.length > 0;
  const showDevices = template === 'energy' || devices.fields.length > 0;
  const unitsBySite = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.site.trim()) m.set(r.site.trim(), (m.get(r.site.trim()) ?? 0) + (Number(r.units) || 0));
    return m;
  }, [rows]);
  const totals = totalsByProduct(rows);

  const pickSite = (site: string) => {
    const at = rows.findIndex((r) => r.site.trim().toLowerCase() === site.toLowerCase());
    if (at >= 0) form.setFocus(`content.injections.${at}.units`);
    else injections.append(emptyInjection(site, rows.at(-1)), { focusName: `content.injections.${rows.length}.units` });
  };

  const saveDraft = async (out: Output): Promise<number> => {
    const { id } = await client.call('charts.saveDraft', { appointmentId, chartId, content: out.content });
    setChartId(id);
    forgetLots();
    return id;
  };

  const onSaveDraft = handleSubmit(async (out) => {
    try {
      const id = await saveDraft(out);
      reset(form.getValues());
      useUi.getState().notify('Draft saved');
      onSaved(id);
    } catch (err) {
      showChartError(err, setError);
    }
  });

  const onAmend = handleSubmit(async (out) => {
    try {
      await client.call('charts.amend', { chartId: mode.chartId!, content: out.content, reason: out.reason ?? '' });
      forgetLots();
      useUi.getState().notify('Amendment signed');
      onSaved(mode.chartId!);
    } catch (err) {
      showChartError(err, setError);
    }
  });

  return (
    <form className="form chart-form" onSubmit={amending ? onAmend : onSaveDraft} noValidate data-testid={amending ? 'amend-form' : 'chart-form'}>
      {amending && (
        <div className="panel panel-warn">
          <Field label="Reason for the amendment" error={e.reason?.message} hint="Required. Kept with the amendment for good.">
            <textarea rows={2} {...register('reason')} data-testid="amend-reason" autoFocus />
          </Field>
        </div>
      )}
      <fieldset className="panel">
        <legend>Note</legend>
        <div className="soap-grid">
          <Field label="Subjective" hint="What the patient reports" error={e.content?.subjective?.message}>
            <textarea rows={4} {...register('content.subjective')} data-testid="chart-subjective" />
          </Field>
          <Field label="Objective" hint="What you observe" error={e.content?.objective?.message}>
            <textarea rows={4} {...register('content.objective')} data-testid="chart-objective" />
          </Field>
          <Field label="Assessment" error={e.content?.assessment?.message}>
            <textarea rows={3} {...register('content.assessment')} data-testid="chart-assessment" />
          </Field>
          <Field label="Plan" error={e.content?.plan?.message}>
            <textarea rows={3} {...register('content.plan')} data-testid="chart-plan" />
          </Field>
        </div>
      </fieldset>

      {showInjections && (
        <fieldset className="panel" data-testid="injections">
          <legend>Injections</legend>
          <div className="inj-layout">
            <FaceMap unitsBySite={unitsBySite} onPick={pickSite} />
            <div className="inj-rows">
              <datalist id="chart-sites">
                {siteNames.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
              {injections.fields.length === 0 && <p className="muted">No injections yet. Click a site on the face, or add a row.</p>}
              {injections.fields.map((f, i) => (
                <div className="inj-row" key={f.id} data-testid={`inj-row-${i}`}>
                  <Field label="Site" error={ie?.[i]?.site?.message}>
                    <input list="chart-sites" {...register(`content.injections.${i}.site`)} data-testid={`inj-site-${i}`} />
                  </Field>
                  <Field label="Product" error={ie?.[i]?.product?.message}>
                    <input {...register(`content.injections.${i}.product`)} data-testid={`inj-product-${i}`} placeholder="e.g. Botox" />
                  </Field>
                  <Field label="Units" error={ie?.[i]?.units?.message}>
                    <input type="number" min={0} step={1} inputMode="numeric" {...register(`content.injections.${i}.units`)} data-testid={`inj-units-${i}`} />
                  </Field>
                  <Field label="Unit">
                    <select {...register(`content.injections.${i}.unit`)} data-testid={`inj-unit-${i}`}>
                      {Object.entries(unitLabels).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="Lot" error={ie?.[i]?.lot?.message}>
                    <LotInput control={control} index={i} product={rows[i]?.product ?? ''} setValue={setValue} />
                  </Field>
                  <Field label="Expiry" error={ie?.[i]?.expiry?.message}>
                    <input type="date" {...register(`content.injections.${i}.expiry`)} data-testid={`inj-expiry-${i}`} />
                  </Field>
                  <button type="button" className="btn btn-small btn-remove" onClick={() => injections.remove(i)} aria-label={`Remove injection ${i + 1}`} data-testid={`inj-remove-${i}`}>
                    Remove
                  </button>
                  {visitDate && rows[i]?.expiry && rows[i].expiry < visitDate && (
                    <Badge kind="alert" testId={`inj-expired-${i}`}>
                      Expired {formatDate(rows[i].expiry)}, before this visit
                    </Badge>
                  )}
                </div>
              ))}
              <div className="actions actions-start">
                <button type="button" className="btn btn-small" onClick={() => injections.append(emptyInjection('', rows.at(-1)), { focusName: `content.injections.${rows.length}.site` })} data-testid="inj-add">
                  + Add injection
                </button>
              </div>
              {totals.length > 0 && (
                <p className="inj-totals" data-testid="inj-totals" aria-live="polite">
                  <strong>Total</strong>{' '}
                  {totals.map((t) => (
                    <span key={`${t.product}|${t.unit}`} className="badge" data-testid="inj-total">
                      {t.product}: {t.total} {t.unit}
                    </span>
                  ))}
                </p>
              )}
              <FormError message={ie?.root?.message ?? ie?.message} />
            </div>
          </div>
        </fieldset>
      )}

      {showDevices && (
        <fieldset className="panel" data-testid="device-settings">
          <legend>Device settings</legend>
          {devices.fields.length === 0 && <p className="muted">No settings yet.</p>}
          {devices.fields.map((f, i) => (
            <div className="device-row" key={f.id} data-testid={`dev-row-${i}`}>
              <Field label="Device" error={de?.[i]?.device?.message}>
                <input {...register(`content.deviceSettings.${i}.device`)} data-testid={`dev-device-${i}`} placeholder="e.g. Nd:YAG" />
              </Field>
              <Field label="Area" error={de?.[i]?.area?.message}>
                <input {...register(`content.deviceSettings.${i}.area`)} data-testid={`dev-area-${i}`} />
              </Field>
              <Field label="Wavelength (nm)" error={de?.[i]?.wavelengthNm?.message}>
                <input type="number" min={100} step={1} inputMode="numeric" {...register(`content.deviceSettings.${i}.wavelengthNm`)} data-testid={`dev-wavelength-${i}`} />
              </Field>
              <Field label="Fluence (J/cm²)" error={de?.[i]?.fluence?.message}>
                <input inputMode="decimal" {...register(`content.deviceSettings.${i}.fluence`)} data-testid={`dev-fluence-${i}`} placeholder="12.5" />
              </Field>
              <Field label="Spot (mm)" error={de?.[i]?.spotSizeMm?.message}>
                <input inputMode="decimal" {...register(`content.deviceSettings.${i}.spotSizeMm`)} data-testid={`dev-spot-${i}`} />
              </Field>
              <Field label="Pulse (ms)" error={de?.[i]?.pulseMs?.message}>
                <input inputMode="decimal" {...register(`content.deviceSettings.${i}.pulseMs`)} data-testid={`dev-pulse-${i}`} />
              </Field>
              <Field label="Passes" error={de?.[i]?.passes?.message}>
                <input type="number" min={0} step={1} inputMode="numeric" {...register(`content.deviceSettings.${i}.passes`)} data-testid={`dev-passes-${i}`} />
              </Field>
              <button type="button" className="btn btn-small btn-remove" onClick={() => devices.remove(i)} aria-label={`Remove setting ${i + 1}`} data-testid={`dev-remove-${i}`}>
                Remove
              </button>
            </div>
          ))}
          <div className="actions actions-start">
            <button type="button" className="btn btn-small" onClick={() => devices.append(emptyDevice(deviceRows.at(-1)), { focusName: `content.deviceSettings.${deviceRows.length}.area` })} data-testid="dev-add">
              + Add setting
            </button>
          </div>
        </fieldset>
      )}

      <fieldset className="panel">
        <legend>Consent and aftercare</legend>
        <Field label="Consent form" hint="Paper form number or scanned document name" error={e.content?.consentFormRef?.message}>
          <input {...register('content.consentFormRef')} data-testid="chart-consent" />
        </Field>
        <Field label="Post-care instructions" error={e.content?.postCare?.message}>
          <textarea rows={3} {...register('content.postCare')} data-testid="chart-postcare" />
        </Field>
      </fieldset>

      <FormError message={e.root?.server?.message} />
      <div className="actions chart-actions">
        {!amending && formState.isDirty && <span className="muted small">Unsaved changes</span>}
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} data-testid="chart-cancel">
            Cancel
          </button>
        )}
        {amending ? (
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="amend-save">
            {formState.isSubmitting ? 'Saving…' : 'Save amendment'}
          </button>
        ) : (
          <>
            <button type="submit" className="btn" disabled={formState.isSubmitting} data-testid="chart-save-draft">
              {formState.isSubmitting ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" className="btn btn-primary" disabled={formState.isSubmitting} onClick={handleSubmit((out) => setSigning(out))} data-testid="chart-sign">
              Sign & lock…
            </button>
          </>
        )}
      </div>
      {signing && (
        <ConfirmDialog
          title="Sign and lock this note"
          confirmLabel="Sign & lock"
          testId="sign-dialog"
          onClose={() => setSigning(null)}
          onConfirm={async () => {
            // The note signed is exactly what is on screen: save it first, then lock it.
            let id: number;
            try {
              id = await saveDraft(signing);
            } catch (err) {
              showChartError(err, setError);
              return;
            }
            await client.call('charts.sign', { chartId: id });
            useUi.getState().notify('Note signed');
            onSaved(id);
          }}
        >
          <p>
            <strong>A signed note cannot be changed.</strong> Corrections are added later as signed amendments with a reason; this note stays as it is.
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}

/** Lot with the lots used before for this product offered; picking one fills its expiry, a new lot is simply typed. */
function LotInput({ control, index, product, setValue }: { control: Control<ChartValues, unknown, Output>; index: number; product: string; setValue: UseFormSetValue<ChartValues> }) {
  const [lots, setLots] = useState<Lot[]>([]);
  const wanted = useDebounced(product.trim(), 250);
  useEffect(() => {
    if (!wanted) {
      setLots([]);
      return;
    }
    let live = true;
    lotsFor(wanted).then(
      (found) => {
        // charts.lots matches by prefix: the product's own lots if it has any, else those of products it may be the start of.
        const own = found.filter((l) => l.product.toLowerCase() === wanted.toLowerCase());
        if (live) setLots((own.length ? own : found).filter((l, i, all) => all.findIndex((o) => o.lot === l.lot) === i));
      },
      () => live && setLots([]),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return (
    <Controller
      control={control}
      name={`content.injections.${index}.lot`}
      render={({ field }) => (
        <ComboBox
          options={lots}
          value={field.value}
          onChange={(text, lot) => {
            field.onChange(text);
            if (!lot) return;
            setValue(`content.injections.${index}.expiry`, lot.expiry, { shouldDirty: true, shouldValidate: true });
            if (lot.product !== product) setValue(`content.injections.${index}.product`, lot.product, { shouldDirty: true });
          }}
          toText={(l) => l.lot}
          render={(l) => (
            <>
              {l.lot} <span className="muted">· exp {formatDate(l.expiry)}{l.product !== product ? ` · ${l.product}` : ''}</span>
            </>
          )}
          freeText
          testId={`inj-lot-${index}`}
          inputProps={{ name: field.name, ref: field.ref } as React.InputHTMLAttributes<HTMLInputElement>}
        />
      )}
    />
  );
}
