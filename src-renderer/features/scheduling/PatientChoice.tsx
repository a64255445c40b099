import type { FieldErrors } from 'react-hook-form';
import { Field } from '../../lib/ui';
import { PatientPicker } from '../patients/PatientPicker';

export interface ChosenPatient {
  id: number;
  name: string;
}

/**
 * The patient of a scheduling form: the chosen name with "Change", or a search to pick one. The form keeps the
 * name beside the id; the contract's field is `patientId`, so that is where a refusal lands.
 */
export function PatientChoice({ value, onChange, errors, testId }: { value: ChosenPatient | null; onChange: (p: ChosenPatient | null) => void; errors: FieldErrors; testId: string }) {
  const error = (errors as FieldErrors<{ patientId: number }>).patientId?.message;
  return (
    <Field label="Patient" error={error}>
      {value ? (
        <div className="chosen" data-testid={`${testId}-chosen`}>
          <strong>{value.name}</strong>
          <button type="button" className="btn btn-small" onClick={() => onChange(null)} data-testid={`${testId}-change`}>
            Change
          </button>
        </div>
      ) : (
        <PatientPicker onPick={(p) => onChange({ id: p.id, name: p.name })} testId={testId} autoFocus />
      )}
    </Field>
  );
}
