import { useState } from 'react';
import type { Device, Room } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { Check, EditButton, FormDialog, ListPanel, RowsTable, useDialogSave } from '../../../lib/ListPanel';
import { useCall } from '../../../lib/hooks';
import { useCan } from '../../../lib/store';
import { Badge, Field, TagChip } from '../../../lib/ui';
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
  const [v, setV] = useState(room);
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  return (
    <FormDialog title={room.id ? 'Edit room' : 'New room'} onClose={onClose} testId="room-dialog" onSubmit={() => save.submit(() => client.call('rooms.save', v))} busy={save.busy} formError={save.formError} saveTestId="room-save">
      <Field label="Name" error={save.fieldErrors.name}>
        <input value={v.name} autoFocus onChange={(e) => setV({ ...v, name: e.target.value })} data-testid="room-name" />
      </Field>
      <Field label="Kind" hint="What it is equipped for: treatment, laser, consult…" error={save.fieldErrors.kind}>
        <input value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })} data-testid="room-kind" />
      </Field>
      <Field label="Colour" error={save.fieldErrors.color}>
        <input type="color" value={v.color} onChange={(e) => setV({ ...v, color: e.target.value })} />
      </Field>
      <Check label="Active" checked={v.active} onChange={(active) => setV({ ...v, active })} />
    </FormDialog>
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
  const [v, setV] = useState(device);
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  return (
    <FormDialog
      title={device.id ? 'Edit device' : 'New device'}
      onClose={onClose}
      testId="device-dialog"
      onSubmit={() => save.submit(() => client.call('devices.save', v))}
      busy={save.busy}
      formError={save.formError ?? save.fieldErrors.roomIds}
      saveTestId="device-save"
    >
      <Field label="Name" error={save.fieldErrors.name}>
        <input value={v.name} autoFocus onChange={(e) => setV({ ...v, name: e.target.value })} data-testid="device-name" />
      </Field>
      <Field label="Kind" hint="Services ask for a device kind: laser, ipl, hydrafacial…" error={save.fieldErrors.kind}>
        <input value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })} data-testid="device-kind" />
      </Field>
      <fieldset>
        <legend className="field-label">Rooms it can go to (none ticked: any room)</legend>
        <div className="tag-list">
          {rooms.map((r) => (
            <label key={r.id} className="inline checkbox">
              <input
                type="checkbox"
                checked={v.roomIds.includes(r.id)}
                onChange={(e) => setV({ ...v, roomIds: e.target.checked ? [...v.roomIds, r.id] : v.roomIds.filter((x) => x !== r.id) })}
                data-testid={`device-room-${r.id}`}
              />
              {r.name}
            </label>
          ))}
        </div>
      </fieldset>
      <Check label="Active" checked={v.active} onChange={(active) => setV({ ...v, active })} />
    </FormDialog>
  );
}
