import { useState } from 'react';
import { blockKinds, type Block, type ServiceRules } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { RemovableList } from '../../../lib/ListPanel';
import { useCall } from '../../../lib/hooks';
import { useSave } from '../../../lib/useSave';
import { useCan, useClinic, useUi } from '../../../lib/store';
import { Async, Empty, ErrorBox, Field, FormError, Spinner } from '../../../lib/ui';
import { invalidateRefs, useRefs, type Refs } from '../refs';
import { addCalendarDays, localDate, localInstant, minutesOf, startOfLocalDay } from '../../../../src-shared/time';
import { clinicToday, dayLabel, rangeLabel } from '../time';

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

function RuleEditor({ refs, rule, onSaved }: { refs: Refs; rule: ServiceRules; onSaved: () => void }) {
  const manage = useCan()('catalog.manage');
  const [v, setV] = useState(rule);
  const save = useSave();
  const roomKinds = [...new Set(refs.rooms.map((r) => r.kind))];
  const deviceKinds = [...new Set(refs.devices.map((d) => d.kind))];
  return (
    <form
      className="panel form"
      noValidate
      data-testid="service-rule-editor"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await save.run(() => client.call('scheduling.setServiceRules', v))) {
          invalidateRefs();
          useUi.getState().notify('Service rules saved');
          onSaved();
        }
      }}
    >
      <h2>{refs.services.find((s) => s.id === rule.serviceId)?.name}</h2>
      <fieldset disabled={!manage}>
        <legend className="field-label">Who may perform it (none ticked: any active practitioner)</legend>
        <div className="tag-list">
          {refs.staff.map((s) => (
            <label key={s.id} className="inline checkbox">
              <input
                type="checkbox"
                checked={v.providerIds.includes(s.id)}
                onChange={(e) => setV({ ...v, providerIds: e.target.checked ? [...v.providerIds, s.id] : v.providerIds.filter((x) => x !== s.id) })}
                data-testid={`rule-provider-${s.id}`}
              />
              {s.displayName}
            </label>
          ))}
        </div>
        <div className="row">
          <Field label="Needs a room of kind" error={save.fieldErrors.roomKind}>
            <select value={v.roomKind ?? ''} onChange={(e) => setV({ ...v, roomKind: e.target.value || null })} data-testid="rule-room-kind">
              <option value="">Any room (or none)</option>
              {roomKinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </Field>
          <Field label="Needs a device of kind" error={save.fieldErrors.deviceKind}>
            <select value={v.deviceKind ?? ''} onChange={(e) => setV({ ...v, deviceKind: e.target.value || null })} data-testid="rule-device-kind">
              <option value="">No device</option>
              {deviceKinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Prep instructions" hint="Sent with reminders as {prep}." error={save.fieldErrors.prepInstructions}>
          <textarea rows={3} maxLength={2000} value={v.prepInstructions} onChange={(e) => setV({ ...v, prepInstructions: e.target.value })} data-testid="rule-prep" />
        </Field>
      </fieldset>
      <FormError message={save.formError ?? save.fieldErrors.providerIds} />
      {manage && (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="rule-save">
            Save rules
          </button>
        </div>
      )}
    </form>
  );
}

const blockKindLabels: Record<Block['kind'], string> = { rest: 'Rest', meeting: 'Meeting', blocked: 'Blocked', closure: 'Clinic closed', maintenance: 'Maintenance' };

/** Settings → Blocks & closures: blocked time for a provider, room or device, and whole-clinic closures. */
export function BlocksTab() {
  const { timeZone } = useClinic();
  const write = useCan()('schedule.write');
  const { refs } = useRefs();
  const today = clinicToday(timeZone);
  const state = useCall('scheduling.blocks', { from: startOfLocalDay(today, timeZone).toISOString(), to: startOfLocalDay(addCalendarDays(today, 365), timeZone).toISOString() });
  const [draft, setDraft] = useState({ target: 'clinic', date: today, from: '09:00', toDate: today, to: '18:00', kind: 'closure' as Block['kind'], reason: '' });
  const save = useSave();
  const targetName = (b: Block) =>
    b.staffId ? refs?.staff.find((s) => s.id === b.staffId)?.displayName ?? `Staff #${b.staffId}` : b.roomId ? refs?.rooms.find((r) => r.id === b.roomId)?.name ?? `Room #${b.roomId}` : b.deviceId ? refs?.devices.find((d) => d.id === b.deviceId)?.name ?? `Device #${b.deviceId}` : 'Whole clinic';
  const [tType, tId] = draft.target.split(':');
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
      {write && (
        <form
          className="form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await save.run(() =>
              client.call('scheduling.saveBlock', {
                staffId: tType === 'staff' ? Number(tId) : null,
                roomId: tType === 'room' ? Number(tId) : null,
                deviceId: tType === 'device' ? Number(tId) : null,
                startsAt: new Date(localInstant(draft.date, minutesOf(draft.from), timeZone)).toISOString(),
                endsAt: new Date(localInstant(draft.toDate, minutesOf(draft.to), timeZone)).toISOString(),
                kind: draft.kind,
                reason: draft.reason,
              }),
            );
            if (ok) state.reload();
          }}
        >
          <h2>Add a block</h2>
          <div className="row row-tight">
            <Field label="For">
              <select value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} data-testid="block-target">
                <option value="clinic">Whole clinic</option>
                {refs?.staff.map((s) => (
                  <option key={`s${s.id}`} value={`staff:${s.id}`}>
                    {s.displayName}
                  </option>
                ))}
                {refs?.rooms.map((r) => (
                  <option key={`r${r.id}`} value={`room:${r.id}`}>
                    Room: {r.name}
                  </option>
                ))}
                {refs?.devices.map((d) => (
                  <option key={`d${d.id}`} value={`device:${d.id}`}>
                    Device: {d.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Kind" error={save.fieldErrors.kind}>
              <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Block['kind'] })} data-testid="block-kind">
                {blockKinds.map((k) => (
                  <option key={k} value={k}>
                    {blockKindLabels[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="From" error={save.fieldErrors.startsAt}>
              <span className="inline">
                <input type="date" value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value, toDate: e.target.value > draft.toDate ? e.target.value : draft.toDate })} data-testid="block-date" />
                <input type="time" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="block-from" />
              </span>
            </Field>
            <Field label="Until" error={save.fieldErrors.endsAt}>
              <span className="inline">
                <input type="date" value={draft.toDate} onChange={(e) => setDraft({ ...draft, toDate: e.target.value })} data-testid="block-to-date" />
                <input type="time" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="block-to" />
              </span>
            </Field>
            <Field label="Reason" error={save.fieldErrors.reason}>
              <input value={draft.reason} maxLength={200} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} data-testid="block-reason" />
            </Field>
          </div>
          <FormError message={save.formError ?? save.fieldErrors.staffId} />
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="block-save">
              Add block
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** Settings → Calendar: grid size and the late-cancellation window. */
export function CalendarSettingsTab() {
  const state = useCall('settings.get', {});
  const manage = useCan()('settings.manage');
  const save = useSave();
  const [draft, setDraft] = useState<{ slot?: number; late?: string }>({});
  return (
    <Async state={state}>
      {(s) => (
        <form
          className="panel form form-narrow"
          noValidate
          data-testid="calendar-settings"
          onSubmit={async (e) => {
            e.preventDefault();
            const slot = (draft.slot ?? s.calendarSlotMinutes) as 5 | 10 | 15;
            const late = Number(draft.late ?? s.lateCancelHours);
            if (await save.run(() => client.call('settings.update', { calendarSlotMinutes: slot, lateCancelHours: late }))) {
              useUi.getState().notify('Calendar settings saved');
              state.reload();
            }
          }}
        >
          <Field label="Calendar grid" error={save.fieldErrors.calendarSlotMinutes}>
            <select value={draft.slot ?? s.calendarSlotMinutes} disabled={!manage} onChange={(e) => setDraft({ ...draft, slot: Number(e.target.value) })} data-testid="settings-slot-minutes">
              {[5, 10, 15].map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
            </select>
          </Field>
          <Field label="Late cancellation window (hours)" hint="A cancellation closer than this to the start is flagged late." error={save.fieldErrors.lateCancelHours}>
            <input type="number" min={0} max={336} value={draft.late ?? String(s.lateCancelHours)} disabled={!manage} onChange={(e) => setDraft({ ...draft, late: e.target.value })} data-testid="settings-late-cancel" />
          </Field>
          <FormError message={save.formError} />
          {manage && (
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="calendar-settings-save">
                Save
              </button>
            </div>
          )}
        </form>
      )}
    </Async>
  );
}
