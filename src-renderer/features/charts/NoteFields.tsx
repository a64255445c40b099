import { Field } from '../../lib/ui';
import { useChartForm } from './chartValues';

/** Subjective, objective, assessment and plan. */
export function SoapFields() {
  const { register, formState } = useChartForm();
  const e = formState.errors.content;
  return (
    <fieldset className="panel">
      <legend>Note</legend>
      <div className="soap-grid">
        <Field label="Subjective" hint="What the patient reports" error={e?.subjective?.message}>
          <textarea rows={4} {...register('content.subjective')} data-testid="chart-subjective" />
        </Field>
        <Field label="Objective" hint="What you observe" error={e?.objective?.message}>
          <textarea rows={4} {...register('content.objective')} data-testid="chart-objective" />
        </Field>
        <Field label="Assessment" error={e?.assessment?.message}>
          <textarea rows={3} {...register('content.assessment')} data-testid="chart-assessment" />
        </Field>
        <Field label="Plan" error={e?.plan?.message}>
          <textarea rows={3} {...register('content.plan')} data-testid="chart-plan" />
        </Field>
      </div>
    </fieldset>
  );
}

export function AftercareFields() {
  const { register, formState } = useChartForm();
  const e = formState.errors.content;
  return (
    <fieldset className="panel">
      <legend>Consent and aftercare</legend>
      <Field label="Consent form" hint="Paper form number or scanned document name" error={e?.consentFormRef?.message}>
        <input {...register('content.consentFormRef')} data-testid="chart-consent" />
      </Field>
      <Field label="Post-care instructions" error={e?.postCare?.message}>
        <textarea rows={3} {...register('content.postCare')} data-testid="chart-postcare" />
      </Field>
    </fieldset>
  );
}
