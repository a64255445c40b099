import { useState } from 'react';
import type { Device, Room } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { useCall } from '../../../lib/hooks';
import { useSave } from '../../../lib/useSave';
import { useCan } from '../../../lib/store';
import { Async, Badge, Dialog, Empty, Field, FormError, TagChip } from '../../../lib/ui';
import { invalidateRefs } from '../refs';

type RoomDraft = Omit<Room, 'id'> & { id?: number };
type DeviceDraft = Omit<Device, 'id'> & { id?: number };

/** Settings → Rooms: treatment rooms and what they are equipped for (the kind services ask for). */
export function RoomsTab() {
  const manage = useCan()('settings.manage');
  const state = useCall('rooms.list', { includeInactive: true });
  const [editing, setEditing] = useState<RoomDraft | null>(null);
  return (
    <div className="panel" data-testid="rooms">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ name: '', kind: 'treatment', color: '#94a3b8', active: true })} data-testid="room-add">
            Add room
          </button>
        </div>
      )}
      <Async state={state}>
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Room</th>
                  <th>Kind</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={r.active ? '' : 'inactive'} data-testid="room-row">
                    <td>
                      <TagChip name={r.name} color={r.color} /> {!r.active && <Badge kind="muted">inactive</Badge>}
                    </td>
                    <td>{r.kind}</td>
                    <td>
                      {manage && (
                        <button type="button" className="btn btn-small" onClick={() => setEditing(r)}>
                          Edit
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No rooms yet. Rooms let the calendar keep two treatments out of the same room.</Empty>
          )
        }
      </Async>
      {editing && (
        <RoomDialog
          room={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            invalidateRefs();
            state.reload();
          }}
        />
      )}
    </div>
  );
}

function RoomDialog({ room, onClose, onSaved }: { room: RoomDraft; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState(room);
  const save = useSave();
  return (
    <Dialog title={room.id ? 'Edit room' : 'New room'} onClose={onClose} testId="room-dialog">
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (await save.run(() => client.call('rooms.save', v))) {
            onSaved();
            onClose();
          }
        }}
      >
        <Field label="Name" error={save.fieldErrors.name}>
          <input value={v.name} autoFocus onChange={(e) => setV({ ...v, name: e.target.value })} data-testid="room-name" />
        </Field>
        <Field label="Kind" hint="What it is equipped for: treatment, laser, consult…" error={save.fieldErrors.kind}>
          <input value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })} data-testid="room-kind" />
        </Field>
        <Field label="Colour" error={save.fieldErrors.color}>
          <input type="color" value={v.color} onChange={(e) => setV({ ...v, color: e.target.value })} />
        </Field>
        <label className="inline checkbox">
          <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} /> Active
        </label>
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="room-save">
            Save
          </button>
        </div>
      </form>
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
    <div className="panel" data-testid="devices">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ name: '', kind: 'laser', roomIds: [], active: true })} data-testid="device-add">
            Add device
          </button>
        </div>
      )}
      <Async state={state}>
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Device</th>
                  <th>Kind</th>
                  <th>Rooms</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id} className={d.active ? '' : 'inactive'} data-testid="device-row">
                    <td>{d.name}</td>
                    <td>{d.kind}</td>
                    <td>{d.roomIds.length ? d.roomIds.map(roomName).join(', ') : <span className="muted">Any room</span>}</td>
                    <td>
                      {manage && (
                        <button type="button" className="btn btn-small" onClick={() => setEditing(d)}>
                          Edit
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No devices yet. Add a laser or IPL so two rooms never book it at once.</Empty>
          )
        }
      </Async>
      {editing && (
        <DeviceDialog
          device={editing}
          rooms={rooms.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            invalidateRefs();
            state.reload();
          }}
        />
      )}
    </div>
  );
}

function DeviceDialog({ device, rooms, onClose, onSaved }: { device: DeviceDraft; rooms: Room[]; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState(device);
  const save = useSave();
  return (
    <Dialog title={device.id ? 'Edit device' : 'New device'} onClose={onClose} testId="device-dialog">
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (await save.run(() => client.call('devices.save', v))) {
            onSaved();
            onClose();
          }
        }}
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
        <label className="inline checkbox">
          <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} /> Active
        </label>
        <FormError message={save.formError ?? save.fieldErrors.roomIds} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="device-save">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
