import type { InputHTMLAttributes } from 'react';
import { Field } from './ui';

type Part = 'postalCode' | 'city' | 'region' | 'country';

/**
 * Postal code, city, region and country of an address, as the patient form and the clinic settings both show them.
 * `field` registers one part with the caller's form (e.g. `(part) => register(`address.${part}`)`).
 */
export function AddressPlaceFields({
  field,
  errors,
  cityTestId,
}: {
  field: (part: Part) => InputHTMLAttributes<HTMLInputElement>;
  errors?: Partial<Record<Part, { message?: string }>>;
  cityTestId?: string;
}) {
  return (
    <div className="row">
      <Field label="Postal code" error={errors?.postalCode?.message}>
        <input {...field('postalCode')} className="input-short" />
      </Field>
      <Field label="City" error={errors?.city?.message}>
        <input {...field('city')} data-testid={cityTestId} />
      </Field>
      <Field label="Region" error={errors?.region?.message}>
        <input {...field('region')} />
      </Field>
      <Field label="Country" error={errors?.country?.message} hint="Two letters">
        <input {...field('country')} maxLength={2} className="input-short" />
      </Field>
    </div>
  );
}
