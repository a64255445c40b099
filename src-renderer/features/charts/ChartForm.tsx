import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { charts, type ChartTemplate } from '../../../src-shared/contract/charts';
import { client } from '../../lib/client';
import { contractResolver } from '../../lib/forms';
import { useUi } from '../../lib/store';
import { ConfirmDialog, Field, FormError } from '../../lib/ui';
import { forgetLots, showChartError, toContent, type ChartOutput, type ChartValues, type ContentValues } from './chartValues';
import { DeviceRows } from './DeviceRows';
import { InjectionRows } from './InjectionRows';
import { AftercareFields, SoapFields } from './NoteFields';

const draftSchema = charts['charts.saveDraft'].input.pick({ content: true });
const amendSchema = charts['charts.amend'].input.pick({ content: true, reason: true });

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
  const [signing, setSigning] = useState<ChartOutput | null>(null);
  const form = useForm<ChartValues, unknown, ChartOutput>({
    resolver: contractResolver(amending ? amendSchema : draftSchema, (v: ChartValues) => ({
      content: toContent(template, v.content),
      ...(amending ? { reason: v.reason } : {}),
    })) as never,
    defaultValues: { content: initial, reason: '' },
  });
  const { register, handleSubmit, setError, reset, formState } = form;
  const e = formState.errors;

  const saveDraft = async (out: ChartOutput): Promise<number> => {
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
    <FormProvider {...form}>
      <form className="form chart-form" onSubmit={amending ? onAmend : onSaveDraft} noValidate data-testid={amending ? 'amend-form' : 'chart-form'}>
        {amending && (
          <div className="panel panel-warn">
            <Field label="Reason for the amendment" error={e.reason?.message} hint="Required. Kept with the amendment for good.">
              <textarea rows={2} {...register('reason')} data-testid="amend-reason" autoFocus />
            </Field>
          </div>
        )}
        <SoapFields />
        <InjectionRows always={template === 'injectable'} visitDate={visitDate} />
        <DeviceRows always={template === 'energy'} />
        <AftercareFields />

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
    </FormProvider>
  );
}
