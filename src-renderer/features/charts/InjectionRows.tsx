import { useMemo } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { formatDate } from '../../lib/format';
import { Badge, Field, FormError } from '../../lib/ui';
import { emptyInjection, totalsByProduct, unitLabels, useChartForm } from './chartValues';
import { FaceMap } from './FaceMap';
import { LotInput } from './LotInput';
import { siteNames } from './sites';

/**
 * Injections: a site picked on the face map or typed, product, units, lot and expiry, with running totals.
 * Shown for an injectable note, or for any note that already has injections.
 */
export function InjectionRows({ always, visitDate }: { always: boolean; visitDate: string | null }) {
  const { register, control, setFocus, formState } = useChartForm();
  const injections = useFieldArray({ control, name: 'content.injections' });
  const rows = useWatch({ control, name: 'content.injections' });
  const unitsBySite = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.site.trim()) m.set(r.site.trim(), (m.get(r.site.trim()) ?? 0) + (Number(r.units) || 0));
    return m;
  }, [rows]);
  if (!always && injections.fields.length === 0) return null;

  const ie = formState.errors.content?.injections;
  const totals = totalsByProduct(rows);
  const pickSite = (site: string) => {
    const at = rows.findIndex((r) => r.site.trim().toLowerCase() === site.toLowerCase());
    if (at >= 0) setFocus(`content.injections.${at}.units`);
    else injections.append(emptyInjection(site, rows.at(-1)), { focusName: `content.injections.${rows.length}.units` });
  };

  return (
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
                <LotInput index={i} product={rows[i]?.product ?? ''} />
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
  );
}
