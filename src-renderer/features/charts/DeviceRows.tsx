import { useFieldArray, useWatch } from 'react-hook-form';
import { Field } from '../../lib/ui';
import { emptyDevice, useChartForm } from './chartValues';

/** Laser / IPL settings, one row per device and area. Shown for an energy note, or for any note that already has some. */
export function DeviceRows({ always }: { always: boolean }) {
  const { register, control, formState } = useChartForm();
  const devices = useFieldArray({ control, name: 'content.deviceSettings' });
  const rows = useWatch({ control, name: 'content.deviceSettings' });
  if (!always && devices.fields.length === 0) return null;

  const de = formState.errors.content?.deviceSettings;
  return (
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
        <button type="button" className="btn btn-small" onClick={() => devices.append(emptyDevice(rows.at(-1)), { focusName: `content.deviceSettings.${rows.length}.area` })} data-testid="dev-add">
          + Add setting
        </button>
      </div>
    </fieldset>
  );
}
