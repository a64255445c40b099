import { useForm } from 'react-hook-form';
import { SalesSettings } from '../../../src-shared/contract/reports-sales';
import { client } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Async, Field, FormError } from '../../lib/ui';

/** When the sales reports count a package's price: one clinic-wide rule for every report and manager (audited). */
export function SalesReportsSetting() {
  const state = useCall('reports.salesSettings', {});
  return <Async state={state}>{(saved) => <SalesReportsForm saved={saved} />}</Async>;
}

function SalesReportsForm({ saved }: { saved: SalesSettings }) {
  const can = useCan();
  const readOnly = !can('settings.manage');
  const { register, handleSubmit, setError, formState, reset } = useForm<SalesSettings>({ resolver: contractResolver(SalesSettings), defaultValues: saved });
  const submit = handleSubmit(async (input) => {
    try {
      reset(await client.call('reports.saveSalesSettings', input));
      useUi.getState().notify('Sales report setting saved');
    } catch (err) {
      showServerError(err, setError);
    }
  });
  return (
    <form className="form" onSubmit={submit} data-testid="sales-report-settings" noValidate>
      <fieldset disabled={readOnly}>
        <legend>Sales reports</legend>
        <p className="muted small">Sales by category and by provider, coupon ROI and referral ROI all follow this, for past periods too.</p>
        <div className="row">
          <Field label="A package’s price counts" error={formState.errors.packageRevenue?.message}>
            <select {...register('packageRevenue')} data-testid="settings-package-revenue">
              <option value="sale">when the package is sold</option>
              <option value="redemption">session by session, as it is used</option>
            </select>
          </Field>
        </div>
      </fieldset>
      <FormError message={formState.errors.root?.server?.message} />
      {!readOnly && (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting || !formState.isDirty} data-testid="settings-package-revenue-save">
            Save
          </button>
        </div>
      )}
    </form>
  );
}
