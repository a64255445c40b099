import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import { allergySeverities, ClinicalInput, type ClinicalRecord } from '../../../src-shared/contract/clinical';
import { client, LumenError } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Badge, ErrorBox, Field, FormError, Spinner } from '../../lib/ui';

const severityKind = { mild: 'neutral', moderate: 'warn', severe: 'alert', anaphylaxis: 'alert' } as const;

export function ClinicalTab({ patientId }: { patientId: number }) {
  const can = useCan();
  const state = useCall('clinical.get', { patientId });
  const [editing, setEditing] = useState(false);
  const { timeZone } = useClinic();

  if (state.error instanceof LumenError && state.error.code === 'forbidden') {
    return (
      <div className="panel panel-restricted" data-testid="clinical-forbidden" role="note">
        <h2>Clinical details are restricted to clinical staff</h2>
        <p className="muted">Your role cannot see medical history, allergies or medications. The allergy alert above still tells you when to ask.</p>
      </div>
    );
  }
  if (state.error !== undefined) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Spinner label="Loading clinical details…" />;
  const r = state.data;
  if (editing) return <ClinicalForm record={r} onDone={() => { setEditing(false); state.reload(); }} onCancel={() => setEditing(false)} />;

  return (
    <div className="grid-2" data-testid="clinical-panel">
      <div className="panel">
        <h2>Allergies</h2>
        {r.allergies.length ? (
          <ul className="plain-list" data-testid="clinical-allergies">
            {r.allergies.map((a, i) => (
              <li key={i}>
                <Badge kind={severityKind[a.severity]}>{a.severity}</Badge> <strong>{a.substance}</strong>
                {a.reaction && <span className="muted"> — {a.reaction}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No known allergies recorded.</p>
        )}
        <h2>Medications</h2>
        {r.medications.length ? (
          <ul className="plain-list">
            {r.medications.map((m, i) => (
              <li key={i}>
                <strong>{m.name}</strong> {m.dose && <span className="muted">{m.dose}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None recorded.</p>
        )}
        <h2>Contraindications</h2>
        {r.contraindications.length ? (
          <ul className="plain-list">
            {r.contraindications.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None recorded.</p>
        )}
      </div>
      <div className="panel">
        <h2>Medical history</h2>
        <p className="prewrap">{r.medicalHistory || <span className="muted">Nothing recorded.</span>}</p>
        <h2>Expectations</h2>
        <p className="prewrap">{r.expectationsNote || <span className="muted">Nothing recorded.</span>}</p>
        <p className="muted small">{r.updatedAt ? `Last changed ${formatInstant(r.updatedAt, timeZone)}${r.updatedBy ? ` by ${r.updatedBy}` : ''}` : 'Never recorded.'}</p>
        {can('clinical.write') && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing(true)} data-testid="clinical-edit">
            Edit clinical details
          </button>
        )}
      </div>
    </div>
  );
}

interface ClinicalValues {
  allergies: { substance: string; reaction: string; severity: (typeof allergySeverities)[number] }[];
  medications: { name: string; dose: string }[];
  medicalHistory: string;
  contraindications: string;
  expectationsNote: string;
}

const toInput = (v: ClinicalValues) => ({
  ...v,
  contraindications: v.contraindications.split('\n').map((l) => l.trim()).filter(Boolean),
});

function ClinicalForm({ record, onDone, onCancel }: { record: ClinicalRecord; onDone: () => void; onCancel: () => void }) {
  const { register, control, handleSubmit, setError, formState } = useForm<ClinicalValues, unknown, z.output<typeof ClinicalInput>>({
    resolver: contractResolver(ClinicalInput, toInput),
    defaultValues: {
      allergies: record.allergies,
      medications: record.medications,
      medicalHistory: record.medicalHistory,
      contraindications: record.contraindications.join('\n'),
      expectationsNote: record.expectationsNote,
    },
  });
  const allergies = useFieldArray({ control, name: 'allergies' });
  const medications = useFieldArray({ control, name: 'medications' });
  const e = formState.errors;

  const submit = handleSubmit(async (values) => {
    try {
      await client.call('clinical.update', { ...values, patientId: record.patientId });
      useUi.getState().notify('Clinical details saved');
      onDone();
    } catch (err) {
      showServerError(err, setError);
    }
  });

  return (
    <form className="form panel" onSubmit={submit} data-testid="clinical-form" noValidate>
      <h2>Allergies</h2>
      {allergies.fields.map((f, i) => (
        <div className="row row-tight" key={f.id}>
          <Field label="Substance" error={e.allergies?.[i]?.substance?.message}>
            <input {...register(`allergies.${i}.substance`)} data-testid="allergy-substance" />
          </Field>
          <Field label="Reaction" error={e.allergies?.[i]?.reaction?.message}>
            <input {...register(`allergies.${i}.reaction`)} />
          </Field>
          <Field label="Severity">
            <select {...register(`allergies.${i}.severity`)} data-testid="allergy-severity">
              {allergySeverities.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" className="btn btn-small btn-remove" onClick={() => allergies.remove(i)} aria-label="Remove allergy">
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => allergies.append({ substance: '', reaction: '', severity: 'moderate' })} data-testid="allergy-add">
        + Add allergy
      </button>
      <h2>Medications</h2>
      {medications.fields.map((f, i) => (
        <div className="row row-tight" key={f.id}>
          <Field label="Name" error={e.medications?.[i]?.name?.message}>
            <input {...register(`medications.${i}.name`)} />
          </Field>
          <Field label="Dose">
            <input {...register(`medications.${i}.dose`)} />
          </Field>
          <button type="button" className="btn btn-small btn-remove" onClick={() => medications.remove(i)} aria-label="Remove medication">
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => medications.append({ name: '', dose: '' })}>
        + Add medication
      </button>
      <Field label="Contraindications" hint="One per line, e.g. pregnancy, anticoagulants" error={e.contraindications?.message}>
        <textarea rows={3} {...register('contraindications')} />
      </Field>
      <Field label="Medical history" error={e.medicalHistory?.message}>
        <textarea rows={5} {...register('medicalHistory')} />
      </Field>
      <Field label="Expectations note" error={e.expectationsNote?.message}>
        <textarea rows={3} {...register('expectationsNote')} />
      </Field>
      <FormError message={e.root?.server?.message ?? e.allergies?.root?.message} />
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="clinical-save">
          Save
        </button>
      </div>
    </form>
  );
}
