import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { PatientProfile } from '../../../src-shared/contract/patients';
import { ErasureInput, type ErasureBlocker } from '../../../src-shared/contract/privacy';
import { LumenError } from '../../../src-shared/errors';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';

interface Values {
  reason: string;
  confirm: string;
}

/** What stops an erasure, when the refusal says (retention, money owed, value still held). */
function blockersOf(error: unknown): ErasureBlocker[] | null {
  if (!(error instanceof LumenError) || error.code !== 'conflict') return null;
  const blockers = (error.details as { blockers?: ErasureBlocker[] } | undefined)?.blockers;
  return blockers?.length ? blockers : null;
}

/**
 * Erase a patient: says what goes and what the law keeps, asks why and for the patient's number typed again. A refusal
 * lists each reason as the main process words it (a signed record within retention with the date erasure becomes
 * possible, a balance) and nothing changes.
 */
export function EraseDialog({ p, onClose, onErased }: { p: PatientProfile; onClose: () => void; onErased: () => void }) {
  const can = useCan();
  const settings = useCall('privacy.settings', can('settings.read') ? {} : null);
  const [blockers, setBlockers] = useState<ErasureBlocker[] | null>(null);
  const form = useForm<Values, unknown, z.output<typeof ErasureInput>>({
    resolver: contractResolver(ErasureInput, (v: Values) => ({ patientId: p.id, reason: v.reason.trim(), confirm: v.confirm.trim() })),
    defaultValues: { reason: '', confirm: '' },
  });
  const erase = async (input: z.output<typeof ErasureInput>) => {
    setBlockers(null);
    try {
      await client.call('privacy.erase', input);
    } catch (error) {
      const found = blockersOf(error);
      if (!found) throw error;
      setBlockers(found);
      return;
    }
    useUi.getState().notify(`Patient ${p.number} erased`);
    onErased();
    onClose();
  };
  const years = settings.data?.clinicalRetentionYears;

  return (
    <Dialog title={`Erase ${p.firstName} ${p.lastName}`} onClose={onClose} testId="erase-dialog">
      <DialogForm form={form} onSubmit={erase} refusals={{ known: ['reason', 'confirm'] }} onCancel={onClose} submit={{ label: 'Erase for good', busyLabel: 'Erasing…', testId: 'erase-submit', danger: true }}>
        <p>
          Their name, date of birth, contact details, address, notes, photos and every free text about them are replaced or removed everywhere, and they no longer appear in searches, lists or campaigns. This cannot be undone.
        </p>
        <p>
          Kept, as the law requires: invoices with their amounts, payments and credit notes (under “Erased patient” and the number {p.number}); signed clinical records for {years ? `${years} years` : 'the retention period'} after signing. The audit log records the erasure with the number and your reason, not the name.
        </p>
        {blockers && (
          <div className="banner banner-alert" role="alert" data-testid="erase-refused">
            <strong>Lumen cannot erase this patient yet:</strong>
            <ul className="plain-list">
              {blockers.map((b) => (
                <li key={b.kind + b.message} data-testid="erase-blocker">
                  {b.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <Field label="Reason" error={form.formState.errors.reason?.message} hint="e.g. the patient’s written request of 2 March">
          <input {...form.register('reason')} autoFocus maxLength={300} data-testid="erase-reason" />
        </Field>
        <Field label={`Type the patient’s number (${p.number}) to confirm`} error={form.formState.errors.confirm?.message}>
          <input {...form.register('confirm')} maxLength={20} autoComplete="off" data-testid="erase-confirm" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
