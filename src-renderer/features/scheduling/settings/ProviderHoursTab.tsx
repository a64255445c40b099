import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { StaffExceptionInput, scheduling, type HoursInterval, type StaffException } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { contractResolver, submitWith } from '../../../lib/forms';
import { RemovableList } from '../../../lib/ListPanel';
import { formatDate } from '../../../lib/format';
import { useCall } from '../../../lib/hooks';
import { useCan, useClinic } from '../../../lib/store';
import { Async, Empty, Field, FormError } from '../../../lib/ui';
import { WeeklyIntervals } from '../../../lib/WeeklyIntervals';
import { addCalendarDays } from '../../../../src-shared/time';
import { clinicToday } from '../time';

type Interval = Required<HoursInterval>;

/** Settings → Provider hours: weekly work and rest intervals per provider, plus holidays and changed days. */
export function ProviderHoursTab() {
  const staff = useCall('staff.list', { includeInactive: false });
  const [staffId, setStaffId] = useState<number | null>(null);
  return (
    <Async state={staff}>
      {(rows) => {
        const chosen = staffId ?? rows.find((s) => s.role === 'practitioner')?.id ?? rows[0]?.id ?? null;
        if (!chosen) return <Empty>No staff yet.</Empty>;
        return (
          <div className="stack-page">
            <label className="inline">
              Provider
              <select value={chosen} onChange={(e) => setStaffId(Number(e.target.value))} data-testid="provider-hours-staff">
                {rows.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                    {s.title ? ` — ${s.title}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <WeeklyHours key={`h${chosen}`} staffId={chosen} />
            <Exceptions key={`x${chosen}`} staffId={chosen} />
          </div>
        );
      }}
    </Async>
  );
}

function WeeklyHours({ staffId }: { staffId: number }) {
  const state = useCall('scheduling.hours', { staffId });
  return <Async state={state}>{(rows) => <HoursEditor staffId={staffId} initial={rows} />}</Async>;
}

function HoursEditor({ staffId, initial }: { staffId: number; initial: Interval[] }) {
  const readOnly = !useCan()('settings.manage');
  return (
    <div className="panel" data-testid="provider-hours">
      <h2>Weekly hours</h2>
      <p className="muted small">Work intervals are bookable; rest intervals (lunch, admin) are cut out of them.</p>
      <WeeklyIntervals
        initial={initial}
        readOnly={readOnly}
        testIdPrefix="provider-hours"
        closedLabel="Not working"
        startOf={(r) => r.startsAt}
        intervalClassName={(r) => `interval interval-${r.kind}`}
        schema={scheduling['scheduling.setHours'].input}
        toInput={(intervals) => ({ staffId, intervals })}
        renderFields={(field, day) => (
          <>
            <select {...field('kind')} disabled={readOnly} aria-label={`${day} interval kind`}>
              <option value="work">Work</option>
              <option value="rest">Rest</option>
            </select>
            <input type="time" {...field('startsAt')} disabled={readOnly} aria-label={`${day} from`} />–
            <input type="time" {...field('endsAt')} disabled={readOnly} aria-label={`${day} to`} />
          </>
        )}
        renderAdd={(weekday, _mine, add) => (
          <>
            <button type="button" className="btn btn-small" data-testid={`provider-hours-add-${weekday}`} onClick={() => add({ weekday, startsAt: '09:00', endsAt: '17:00', kind: 'work' })}>
              + Work
            </button>
            <button type="button" className="btn btn-small" data-testid={`provider-hours-rest-${weekday}`} onClick={() => add({ weekday, startsAt: '12:30', endsAt: '13:30', kind: 'rest' })}>
              + Rest
            </button>
          </>
        )}
        renderPresets={(replace) => (
          <button
            type="button"
            className="btn"
            onClick={() => replace([1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, startsAt: '09:00', endsAt: '18:00', kind: 'work' as const }, { weekday, startsAt: '13:00', endsAt: '14:00', kind: 'rest' as const }]))}
            data-testid="provider-hours-default"
          >
            Mon–Fri 9–18, lunch 13–14
          </button>
        )}
        saveLabel="Save hours"
        savedNotice="Working hours saved"
        onSave={(input) => client.call('scheduling.setHours', input)}
      />
    </div>
  );
}

function Exceptions({ staffId }: { staffId: number }) {
  const { timeZone } = useClinic();
  const write = useCan()('schedule.write');
  const today = clinicToday(timeZone);
  const state = useCall('scheduling.exceptions', { from: addCalendarDays(today, -30), to: addCalendarDays(today, 365), staffId });
  return (
    <div className="panel" data-testid="provider-exceptions">
      <h2>Holidays, sick days and changed hours</h2>
      <RemovableList state={state} empty="No exceptions in the coming year." rowTestId="exception-row" removeTestId="exception-remove" onRemove={write ? (x) => client.call('scheduling.removeException', { id: x.id }) : undefined}>
        {(x) => (
          <>
            <td className="nowrap">{formatDate(x.date)}</td>
            <td>{x.kind === 'off' ? 'Off all day' : `Works ${x.startsAt}–${x.endsAt}`}</td>
            <td>{x.reason}</td>
          </>
        )}
      </RemovableList>
      {write && <ExceptionForm staffId={staffId} today={today} onSaved={state.reload} />}
    </div>
  );
}

interface ExceptionValues {
  date: string;
  kind: StaffException['kind'];
  startsAt: string;
  endsAt: string;
  reason: string;
}

/** Off all day has no hours; different hours send their from and to. */
const exceptionInput = ({ startsAt, endsAt, ...v }: ExceptionValues, staffId: number) => ({ ...v, staffId, ...(v.kind === 'hours' ? { startsAt, endsAt } : {}) });

function ExceptionForm({ staffId, today, onSaved }: { staffId: number; today: string; onSaved: () => void }) {
  const form = useForm<ExceptionValues, unknown, z.output<typeof StaffExceptionInput>>({
    resolver: contractResolver(StaffExceptionInput, (v: ExceptionValues) => exceptionInput(v, staffId)),
    defaultValues: { date: today, kind: 'off', startsAt: '09:00', endsAt: '13:00', reason: '' },
  });
  const { register, control, formState } = form;
  const kind = useWatch({ control, name: 'kind' });
  const e = formState.errors;
  const save = submitWith(
    form,
    async (input) => {
      await client.call('scheduling.saveException', input);
      onSaved();
    },
    { known: ['date', 'startsAt', 'endsAt', 'reason'] },
  );
  return (
    <form className="row row-tight" noValidate onSubmit={save}>
      <Field label="Date" error={e.date?.message}>
        <input type="date" {...register('date')} data-testid="exception-date" />
      </Field>
      <Field label="Kind">
        <select {...register('kind')} data-testid="exception-kind">
          <option value="off">Off (holiday, sick)</option>
          <option value="hours">Different hours</option>
        </select>
      </Field>
      {kind === 'hours' && (
        <>
          <Field label="From" error={e.startsAt?.message}>
            <input type="time" {...register('startsAt')} />
          </Field>
          <Field label="To" error={e.endsAt?.message}>
            <input type="time" {...register('endsAt')} />
          </Field>
        </>
      )}
      <Field label="Reason" error={e.reason?.message}>
        <input maxLength={200} {...register('reason')} data-testid="exception-reason" />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting} data-testid="exception-add">
        Add
      </button>
      <FormError message={e.root?.server?.message} />
    </form>
  );
}
