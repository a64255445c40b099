import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { DeviceInput, RoomInput, type Device, type Room } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { DialogForm } from '../../../lib/DialogForm';
import { contractResolver } from '../../../lib/forms';
import { EditButton, ListPanel, RowsTable } from '../../../lib/ListPanel';
import { useCall } from '../../../lib/hooks';
import { useCan } from '../../../lib/store';
import { Badge, Check, Dialog, Field, TagChip } from '../../../lib/ui';
import { IdChecks } from '../../../lib/IdChecks';
import { invalidateRefs } from '../refs';

type RoomDraft = Omit<Room, 'id'> & { id?: number };
type DeviceDraft = Omit<Device, 'id'> & { id?: number };

/** Rooms and devices are part of the calendar's reference data: a save drops that as well as reloading the list. */
const reloadWithRefs = (reload: () => void) => () => {
  invalidateRefs();
  reload();
};

/** Settings → Rooms: treatment rooms and what they are equipped for (the kind services ask for). */
export function RoomsTab() {
  const manage = useCan()('settings.manage');
  const state = useCall('rooms.list', { includeInactive: true });
  const [editing, setEditing] = useState<RoomDraft | null>(null);
  return (
    <ListPanel
      testId="rooms"
      add={manage ? { label: 'Add room', testId: 'room-add', onClick: () => setEditing({ name: '', kind: 'treatment', color: '#94a3b8', active: true }) } : undefined}
      state={state}
      empty="No rooms yet. Rooms let the calendar keep two treatments out of the same room."
      dialog={editing && <RoomDialog room={editing} onClose={() => setEditing(null)} onSaved={reloadWithRefs(state.reload)} />}
    >
      {(rows) => (
        <RowsTable
          rows={rows}
          rowTestId="room-row"
          inactive={(r) => !r.active}
          head={
            <>
              <th>Room</th>
              <th>Kind</th>
              <th />
            </>
          }
        >
          {(r) => (
            <>
              <td>
                <TagChip name={r.name} color={r.color} /> {!r.active && <Badge kind="muted">inactive</Badge>}
              </td>
              <td>{r.kind}</td>
              <td>{manage && <EditButton onClick={() => setEditing(r)} />}</td>
            </>
          )}
        </RowsTable>
      )}
    </ListPanel>
  );
}

function RoomDialog({ room, onClose, onSaved }: { room: RoomDraft; onClose: () => void; onSaved: () => void }) {
  const form = useForm<RoomDraft, unknown, z.output<typeof RoomInput>>({ resolver: contractResolver(RoomInput), defaultValues: room });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={room.id ? 'Edit room' : 'New room'} onClose={onClose} testId="room-dialog">
      <DialogForm
        form={form}
        onSubmit={(input) => client.call('rooms.save', input).then(onSaved).then(onClose)}
        refusals={{ known: ['name', 'kind', 'color'] }}
        onCancel={onClose}
        submit={{ label: 'Save', testId: 'room-save' }}
      >
        <Field label="Name" error={e.name?.message}>
          <input autoFocus {...register('name')} data-testid="room-name" />
        </Field>
        <Field label="Kind" hint="What it is equipped for: treatment, laser, consult…" error={e.kind?.message}>
          <input {...register('kind')} data-testid="room-kind" />
        </Field>
        <Field label="Colour" error={e.color?.message}>
          <input type="color" {...register('color')} />
        </Field>
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}

/** Settings → Devices: shared machines (one laser for two rooms) and where they can go. */
export function DevicesTab() {
  const manage = useCan()('settings.manage');
  const state = useCall('devices.list', { includeInactive: true });
  const rooms = useCall('rooms.list', { includeInactive: false });
  const [editing, setEditing] = useState<DeviceDraft | null>(null);
  const roomName = (id: number) => rooms.data?.find((r) => r.id === id)?.name ?? `#${id}`;
  return (
    <ListPanel
      testId="devices"
      add={manage ? { label: 'Add device', testId: 'device-add', onClick: () => setEditing({ name: '', kind: 'laser', roomIds: [], active: true }) } : undefined}
      state={state}
      empty="No devices yet. Add a laser or IPL so two rooms never book it at once."
      dialog={editing && <DeviceDialog device={editing} rooms={rooms.data ?? []} onClose={() => setEditing(null)} onSaved={reloadWithRefs(state.reload)} />}
    >
      {(rows) => (
        <RowsTable
          rows={rows}
          rowTestId="device-row"
          inactive={(d) => !d.active}
          head={
            <>
              <th>Device</th>
              <th>Kind</th>
              <th>Rooms</th>
              <th />
            </>
          }
        >
          {(d) => (
            <>
              <td>{d.name}</td>
              <td>{d.kind}</td>
              <td>{d.roomIds.length ? d.roomIds.map(roomName).join(', ') : <span className="muted">Any room</span>}</td>
              <td>{manage && <EditButton onClick={() => setEditing(d)} />}</td>
            </>
          )}
        </RowsTable>
      )}
    </ListPanel>
  );
}

function DeviceDialog({ device, rooms, onClose, onSaved }: { device: DeviceDraft; rooms: Room[]; onClose: () => void; onSaved: () => void }) {
  const form = useForm<DeviceDraft, unknown, z.output<typeof DeviceInput>>({ resolver: contractResolver(DeviceInput), defaultValues: device });
  const { register, control, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={device.id ? 'Edit device' : 'New device'} onClose={onClose} testId="device-dialog">
      <DialogForm
        form={form}
        onSubmit={(input) => client.call('devices.save', input).then(onSaved).then(onClose)}
        refusals={{ known: ['name', 'kind', 'roomIds'] }}
        onCancel={onClose}
        submit={{ label: 'Save', testId: 'device-save' }}
        error={e.roomIds?.message}
      >
        <Field label="Name" error={e.name?.message}>
          <input autoFocus {...register('name')} data-testid="device-name" />
        </Field>
        <Field label="Kind" hint="Services ask for a device kind: laser, ipl, hydrafacial…" error={e.kind?.message}>
          <input {...register('kind')} data-testid="device-kind" />
        </Field>
        <fieldset>
          <legend className="field-label">Rooms it can go to (none ticked: any room)</legend>
          <Controller
            control={control}
            name="roomIds"
            render={({ field }) => <IdChecks options={rooms.map((r) => ({ id: r.id, label: r.name }))} value={field.value} onChange={field.onChange} testId={(id) => `device-room-${id}`} />}
          />
        </fieldset>
        <Check label="Active" field={register('active')} />
      </DialogForm>
    </Dialog>
  );
}
