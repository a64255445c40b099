import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { reportLabels, reportNames, ScheduleInput, type ReportSchedule } from '../../../src-shared/contract/reports-output';
import { periodPresetLabels, periodPresets } from '../../../src-shared/reports/period';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { Check, Dialog, Field } from '../../lib/ui';
import { compareOptions } from '../reports/SalesByCategory';
import { weekdayNames } from './labels';

interface Values {
  report: string;
  period: string;
  weekday: string;
  time: string;
  folder: string;
  paper: string;
  active: boolean;
  /** The report's own options a manager sets here (others, given from the CLI, are kept). */
  compareWith: string;
  includeLeads: boolean;
}

const optionOf = (s: ReportSchedule | null, key: string): unknown => (s ? s.input[key] : undefined);

const valuesOf = (s: ReportSchedule | null): Values => ({
  report: s?.report ?? 'projectedSales',
  period: s?.period ?? 'thisWeek',
  weekday: String(s?.weekday ?? 1),
  time: s?.time ?? '07:00',
  folder: s?.folder ?? '',
  paper: s?.paper ?? '',
  active: s?.active ?? true,
  compareWith: typeof optionOf(s, 'compareWith') === 'string' ? (optionOf(s, 'compareWith') as string) : 'previousPeriod',
  includeLeads: (optionOf(s, 'include') as { leads?: boolean } | undefined)?.leads ?? true,
});

/** The options of the chosen report from the form, over what the schedule already had for that report. */
function reportInputOf(v: Values, s: ReportSchedule | null): Record<string, unknown> {
  const kept = s && s.report === v.report ? s.input : {};
  if (v.report === 'salesByCategory') return { ...kept, compareWith: v.compareWith };
  if (v.report === 'projectedSales') return { ...kept, include: { leads: v.includeLeads } };
  return kept;
}

/** The form's strings as the contract's input. */
const inputOf = (v: Values, s: ReportSchedule | null) => ({
  ...(s ? { id: s.id } : {}),
  input: reportInputOf(v, s),
  report: v.report,
  period: v.period,
  weekday: Number(v.weekday),
  time: v.time.trim(),
  folder: v.folder.trim(),
  paper: v.paper === '' ? null : v.paper,
  active: v.active,
});

/** Add or change a scheduled report: which report, the period it covers, the weekday and time, the folder and paper. */
export function ScheduleDialog({ schedule, onClose, onSaved }: { schedule: ReportSchedule | null; onClose: () => void; onSaved: () => void }) {
  const form = useForm<Values, unknown, z.output<typeof ScheduleInput>>({ resolver: contractResolver(ScheduleInput, (v: Values) => inputOf(v, schedule)), defaultValues: valuesOf(schedule) });
  const { register, formState, watch } = form;
  const e = formState.errors;
  const report = watch('report');
  const asOfReport = report === 'delinquency';
  return (
    <Dialog title={schedule ? 'Edit scheduled report' : 'Schedule a report'} onClose={onClose} testId="schedule-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('reports.saveSchedule', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save schedule', testId: 'schedule-save' }}>
        <div className="row">
          <Field label="Report" error={e.report?.message}>
            <select {...register('report')} autoFocus data-testid="schedule-report">
              {reportNames.map((name) => (
                <option key={name} value={name}>
                  {reportLabels[name]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Period" hint={asOfReport ? 'This list is always as of the day it runs' : 'Dates as seen from the day it runs'} error={e.period?.message}>
            <select {...register('period')} data-testid="schedule-period">
              {periodPresets.map((preset) => (
                <option key={preset} value={preset}>
                  {periodPresetLabels[preset]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {report === 'salesByCategory' && (
          <Field label="Compare with">
            <select {...register('compareWith')} data-testid="schedule-compare-with">
              {compareOptions}
            </select>
          </Field>
        )}
        {report === 'projectedSales' && <Check label="Include open leads (× both conversion rates × the average sale)" field={register('includeLeads')} testId="schedule-include-leads" />}
        <div className="row">
          <Field label="Every" error={e.weekday?.message}>
            <select {...register('weekday')} data-testid="schedule-weekday">
              {weekdayNames.slice(1).map((name, i) => (
                <option key={name} value={String(i + 1)}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="At (clinic time)" hint="HH:MM" error={e.time?.message}>
            <input {...register('time')} className="input-short" data-testid="schedule-time" />
          </Field>
          <Field label="Paper" error={e.paper?.message}>
            <select {...register('paper')} data-testid="schedule-paper">
              <option value="">The clinic’s</option>
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </Field>
        </div>
        <Field label="Folder" hint="A whole folder path on this computer; empty: the reports/scheduled folder in Lumen’s data folder" error={e.folder?.message}>
          <input {...register('folder')} placeholder="Default folder" data-testid="schedule-folder" />
        </Field>
        <Check label="Active" field={register('active')} testId="schedule-active" />
      </DialogForm>
    </Dialog>
  );
}
