import { useState } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import type { PatientPackage } from '../../../src-shared/contract/prepaid';
import { client, errorMessage } from '../../lib/client';
import { money } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Field } from '../../lib/ui';

export const NO_PREPAID = { giftCardCode: '', patientPackageId: '' };

interface Props {
  tender: string | undefined;
  index: number;
  packages: PatientPackage[];
  codeField: UseFormRegisterReturn;
  packageField: UseFormRegisterReturn;
  errors?: { giftCardCode?: FieldError; patientPackageId?: FieldError };
}

/** The extra fields of a gift-card tender (the code, with its balance) or a package tender (which package). */
export function PrepaidTenderFields({ tender, index, packages, codeField, packageField, errors }: Props) {
  const { currency } = useClinic();
  const [card, setCard] = useState<string>('');
  if (tender === 'package') {
    return (
      <Field label="Package" error={errors?.patientPackageId?.message} hint="Pays the lines it covers, one session or unit each">
        <select {...packageField} data-testid={`tender-package-${index}`}>
          <option value="">Choose…</option>
          {packages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} — {p.left} left, until {p.expiresOn}
            </option>
          ))}
        </select>
      </Field>
    );
  }
  if (tender !== 'giftCard') return null;
  const check = (typed: string) => {
    if (typed.trim().length < 4) return setCard('');
    client.call('giftCards.lookup', { code: typed }).then(
      (found) => setCard(found.state === 'active' ? `Holds ${money(found.balanceCents, currency)}, until ${found.expiresOn}` : `This card is ${found.state}.`),
      (error: unknown) => setCard(errorMessage(error)),
    );
  };
  return (
    <Field label="Card code" error={errors?.giftCardCode?.message} hint={card || undefined}>
      <input {...codeField} onBlur={(e) => { void codeField.onBlur(e); check(e.target.value); }} autoComplete="off" maxLength={24} data-testid={`tender-card-code-${index}`} />
    </Field>
  );
}
