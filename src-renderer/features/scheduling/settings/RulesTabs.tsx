import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SettingsPatch } from '../../../../src-shared/contract/settings';
import { ServiceRulesInput, type Block, type ServiceRules } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { contractResolver, submitWith } from '../../../lib/forms';
import { RemovableList } from '../../../lib/ListPanel';
import { useCall } from '../../../lib/hooks';
import { useCan, useClinic, useUi } from '../../../lib/store';
import { Async, Empty, ErrorBox, Field, Spinner, SubmitRow } from '../../../lib/ui';
import { IdChecks } from '../../../lib/IdChecks';
import { invalidateRefs, useRefs, type Refs } from '../refs';
import { addCalendarDays, localDate, startOfLocalDay } from '../../../../src-shared/time';
import { clinicToday, dayLabel, rangeLabel } from '../time';
import { BlockForm, blockKindLabels } from './BlockForm';

/** Settings → Service rules: who may perform each service, the room/device kind it needs, prep instructions. */
export function ServiceRulesTab() {
  const { refs, error, reload } = useRefs();
  const [serviceId, setServiceId] = useState<number | null>(null);
  if (error !== undefined) return <ErrorBox error={error} onRetry={reload} />;
  if (!refs) return <Spinner />;
  if (!refs.services.length) return <Empty>No services yet. Add them under Settings → Catalog.</Empty>;
  const chosen = serviceId ?? refs.services[0].id;
  return (
    <div className="grid-2 grid-catalog" data-testid="service-rules">
      <div className="panel">
        <ul className="select-list">
          {refs.services.map((s) => {
            const r = refs.rules.get(s.id);
            return (
              <li key={s.id}>
                <button type="button" className={chosen === s.id ? 'active' : ''} onClick={() => setServiceId(s.id)} data-testid="service-rules-item">
                  {s.name}
                  <span className="muted small">
                    {r?.providerIds.length ? `${r.providerIds.length} providers` : 'any practitioner'}
                    {r?.roomKind ? ` · room: ${r.roomKind}` : ''}
                    {r?.deviceKind ? ` · device: ${r.deviceKind}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <RuleEditor key={chosen} refs={refs} rule={refs.rules.get(chosen) ?? { serviceId: chosen, providerIds: [], roomKind: null, deviceKind: null, prepInstructions: '' }} onSaved={reload} />
    </div>
  );
}

/** The rule as the form holds it: a kind not asked for is the empty option. */
type RuleValues = Omit<ServiceRules, 'roomKind' | 'deviceKind'> & { roomKind: string; deviceKind: string };

const ruleInput = (v: RuleValues) => ({ ...v, roomKind: v.roomKind || null, deviceKind: v.deviceKind || null });

function RuleEditor({ refs, rule, onSaved }: { refs: Refs; rule: ServiceRules; onSaved: () => void }) {
  const manage = useCan()('catalog.manage');
  const form = useForm<RuleValues, unknown, z.output<typeof ServiceRulesInput>>({
    resolver: contractResolver(ServiceRulesInput, ruleInput),
    defaultValues: { ...rule, roomKind: rule.roomKind ?? '', deviceKind: rule.deviceKind ?? '' },
  });
  const { register, control, formState } = form;
  const e = formState.errors;
  const roomKinds = [...new Set(refs.rooms.map((r) => r.kind))];
  const deviceKinds = [...new Set(refs.devices.map((d) => d.kind))];
  const save = submitWith(
    form,
    async (input) => {
      await client.call('scheduling.setServiceRules', input);
      invalidateRefs();
      useUi.getState().notify('Service rules saved');
      onSaved();
    },
    { known: ['roomKind', 'deviceKind', 'prepInstructions'] },
  );
  return (
    <form className="panel form" noValidate data-testid="service-rule-editor" onSubmit={save}>
      <h2>{refs.services.find((s) => s.id === rule.serviceId)?.name}</h2>
      <fieldset disabled={!manage}>
        <legend className="field-label">Who may perform it (none ticked: any active practitioner)</legend>
        <Controller
          control={control}
          name="providerIds"
          render={({ field }) => <IdChecks options={refs.staff.map((s) => ({ id: s.id, label: s.displayName }))} value={field.value} onChange={field.onChange} testId={(id) => `rule-provider-${id}`} />}
        />
        <div className="row">
          <Field label="Needs a room of kind" error={e.roomKind?.message}>
            <select {...register('roomKind')} data-testid="rule-room-kind">
              <option value="">Any room (or none)</option>
              {roomKinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </Field>
          <Field label="Needs a device of kind" error={e.deviceKind?.message}>
            <select {...register('deviceKind')} data-testid="rule-device-kind">
              <option value="">No device</option>
              {deviceKinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Prep instructions" hint="Sent with reminders as {prep}." error={e.prepInstructions?.message}>
          <textarea rows={3} maxLength={2000} {...register('prepInstructions')} data-testid="rule-prep" />
        </Field>
      </fieldset>
      <SubmitRow error={e.root?.server?.message ?? e.providerIds?.message} busy={formState.isSubmitting} testId="rule-save" hidden={!manage}>
        Save rules
      </SubmitRow>
    </form>
  );
}

/** Settings → Blocks & closures: blocked time for a provider, room or device, and whole-clinic closures. */
export function BlocksTab() {
  const { timeZone } = useClinic();
  const write = useCan()('schedule.write');
  const { refs } = useRefs();
  const today = clinicToday(timeZone);
  const state = useCall('scheduling.blocks', { from: startOfLocalDay(today, timeZone).toISOString(), to: startOfLocalDay(addCalendarDays(today, 365), timeZone).toISOString() });
  const targetName = (b: Block) =>
    b.staffId ? refs?.staff.find((s) => s.id === b.staffId)?.displayName ?? `Staff #${b.staffId}` : b.roomId ? refs?.rooms.find((r) => r.id === b.roomId)?.name ?? `Room #${b.roomId}` : b.deviceId ? refs?.devices.find((d) => d.id === b.deviceId)?.name ?? `Device #${b.deviceId}` : 'Whole clinic';
  return (
    <div className="panel" data-testid="blocks">
      <h2>Coming blocks and closures</h2>
      <RemovableList state={state} empty="No blocks or closures in the coming year." rowTestId="block-row" removeTestId="block-remove" onRemove={write ? (b) => client.call('scheduling.removeBlock', { id: b.id }) : undefined}>
        {(b) => (
          <>
            <td className="nowrap">
              {dayLabel(localDate(b.startsAt, timeZone))} {rangeLabel(b.startsAt, b.endsAt, timeZone)}
              {localDate(b.endsAt, timeZone) !== localDate(b.startsAt, timeZone) && ` (until ${dayLabel(localDate(b.endsAt, timeZone))})`}
            </td>
            <td>{targetName(b)}</td>
            <td>{blockKindLabels[b.kind]}</td>
            <td>{b.reason}</td>
          </>
        )}
      </RemovableList>
      {write && <BlockForm refs={refs} today={today} onSaved={state.reload} />}
    </div>
  );
}

/** Settings → Calendar: grid size and the late-cancellation window. */
export function CalendarSettingsTab() {
  const state = useCall('settings.get', {});
  return <Async state={state}>{(s) => <CalendarSettingsForm settings={s} onSaved={state.reload} />}</Async>;
}

type CalendarValues = { calendarSlotMinutes: number; lateCancelHours: number };

function CalendarSettingsForm({ settings, onSaved }: { settings: CalendarValues; onSaved: () => void }) {
  const manage = useCan()('settings.manage');
  const form = useForm<CalendarValues, unknown, z.output<typeof SettingsPatch>>({
    resolver: contractResolver(SettingsPatch),
    defaultValues: { calendarSlotMinutes: settings.calendarSlotMinutes, lateCancelHours: settings.lateCancelHours },
  });
  const { register, formState } = form;
  const e = formState.errors;
  const save = submitWith(
    form,
    async (patch) => {
      await client.call('settings.update', patch);
      useUi.getState().notify('Calendar settings saved');
      onSaved();
    },
    { known: ['calendarSlotMinutes', 'lateCancelHours'] },
  );
  return (
    <form className="panel form form-narrow" noValidate data-testid="calendar-settings" onSubmit={save}>
      <Field label="Calendar grid" error={e.calendarSlotMinutes?.message}>
        <select disabled={!manage} {...register('calendarSlotMinutes', { valueAsNumber: true })} data-testid="settings-slot-minutes">
          {[5, 10, 15].map((m) => (
            <option key={m} value={m}>
              {m} minutes
            </option>
          ))}
        </select>
      </Field>
      <Field label="Late cancellation window (hours)" hint="A cancellation closer than this to the start is flagged late." error={e.lateCancelHours?.message}>
        <input type="number" min={0} max={336} disabled={!manage} {...register('lateCancelHours', { valueAsNumber: true })} data-testid="settings-late-cancel" />
      </Field>
      <SubmitRow error={e.root?.server?.message} busy={formState.isSubmitting} testId="calendar-settings-save" hidden={!manage}>
        Save
      </SubmitRow>
    </form>
  );
}
