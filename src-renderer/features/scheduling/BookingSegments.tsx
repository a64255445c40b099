import { useFormContext, useWatch } from 'react-hook-form';
import { Field } from '../../lib/ui';
import { draftFor, type BookingParsed, type BookingValues, type SegmentDraft } from './bookingForm';
import { devicesFor, eligibleProviders, roomsFor, type Refs } from './refs';

/**
 * The visit's services in order, each with its provider, room, device and length. The rows are controlled
 * (which providers, rooms and devices a row offers depends on its service); any change drops a picked slot's times.
 */
export function BookingSegments({ refs }: { refs: Refs }) {
  const { control, setValue, formState } = useFormContext<BookingValues, unknown, BookingParsed>();
  const segments = useWatch({ control, name: 'segments' });
  const setSegments = (next: SegmentDraft[]) => {
    setValue('slotStarts', null);
    setValue('segments', next);
  };
  return (
    <fieldset className="segments">
      <legend>Services, in order</legend>
      {segments.map((s, i) => (
        <SegmentRow
          key={i}
          i={i}
          s={s}
          refs={refs}
          errors={formState.errors.segments?.[i]}
          onChange={(patch) => setSegments(segments.map((x, j) => (j === i ? { ...x, ...patch } : x)))}
          onRemove={segments.length > 1 ? () => setSegments(segments.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      {segments.length < 10 && (
        <div>
          <button type="button" className="btn btn-small" onClick={() => setSegments([...segments, draftFor(refs, null, { staffId: segments.at(-1)?.staffId ?? undefined })])} data-testid="booking-add-service">
            + Add a service
          </button>
        </div>
      )}
    </fieldset>
  );
}

type SegmentErrors = Partial<Record<keyof SegmentDraft, { message?: string }>>;

function SegmentRow({ i, s, refs, errors, onChange, onRemove }: { i: number; s: SegmentDraft; refs: Refs; errors?: SegmentErrors; onChange: (patch: Partial<SegmentDraft>) => void; onRemove?: () => void }) {
  const providers = eligibleProviders(refs, s.serviceId);
  const rooms = roomsFor(refs, s.serviceId);
  const devices = devicesFor(refs, s.serviceId);
  const rule = s.serviceId ? refs.rules.get(s.serviceId) : undefined;
  const idOf = (value: string) => Number(value) || null;
  return (
    <div className="segment-row" data-testid="booking-segment">
      <span className="segment-n">{i + 1}</span>
      <Field label="Service" error={errors?.serviceId?.message}>
        <select
          value={s.serviceId ?? ''}
          data-testid={`booking-service-${i}`}
          onChange={(e) => onChange(draftFor(refs, idOf(e.target.value), { staffId: s.staffId ?? undefined, roomId: s.roomId ?? undefined }))}
        >
          <option value="">Choose…</option>
          {refs.services.map((sv) => (
            <option key={sv.id} value={sv.id}>
              {sv.name} ({sv.durationMinutes} min)
            </option>
          ))}
        </select>
      </Field>
      <Field label="Provider" error={errors?.staffId?.message}>
        <select value={s.staffId ?? ''} onChange={(e) => onChange({ staffId: idOf(e.target.value) })} data-testid={`booking-provider-${i}`}>
          {!providers.length && <option value="">No eligible provider</option>}
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={rule?.roomKind ? `Room (${rule.roomKind})` : 'Room'} error={errors?.roomId?.message}>
        <select value={s.roomId ?? ''} onChange={(e) => onChange({ roomId: idOf(e.target.value) })} data-testid={`booking-room-${i}`}>
          <option value="">Any / none</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </Field>
      {devices.length > 0 && (
        <Field label="Device" error={errors?.deviceId?.message}>
          <select value={s.deviceId ?? ''} onChange={(e) => onChange({ deviceId: idOf(e.target.value) })} data-testid={`booking-device-${i}`}>
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="Minutes" error={errors?.durationMinutes?.message}>
        <input type="number" min={5} max={720} step={5} className="input-tiny" value={s.durationMinutes} onChange={(e) => onChange({ durationMinutes: Math.max(1, Number(e.target.value) || 1) })} data-testid={`booking-duration-${i}`} />
      </Field>
      {onRemove && (
        <button type="button" className="btn-icon" aria-label={`Remove service ${i + 1}`} onClick={onRemove} data-testid={`booking-remove-${i}`}>
          ×
        </button>
      )}
      {rule?.prepInstructions && <p className="muted small segment-prep">Prep: {rule.prepInstructions}</p>}
    </div>
  );
}
