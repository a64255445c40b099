import { useState } from 'react';
import type { Slot } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { useClinic } from '../../lib/store';
import { Empty, ErrorBox } from '../../lib/ui';
import type { Refs } from './refs';
import { localDate, localInstant } from '../../../src-shared/time';
import { clinicToday, dayLabel, rangeLabel } from './time';

/** "Next available": the first free slots for the chosen services from the chosen day, optionally with one provider. */
export function NextAvailable({ serviceIds, staffId, refs, date, onPick }: { serviceIds: number[]; staffId: number | null; refs: Refs; date: string; onPick: (slot: Slot) => void }) {
  const { timeZone } = useClinic();
  const [onlyProvider, setOnlyProvider] = useState(false);
  const [state, setState] = useState<{ loading?: boolean; slots?: Slot[]; error?: unknown }>({});
  const staffName = refs.staff.find((s) => s.id === staffId)?.displayName ?? 'this provider';
  const search = async () => {
    setState({ loading: true });
    try {
      // From the chosen day, but never in the past.
      const from = new Date(Math.max(localInstant(date || clinicToday(timeZone), 0, timeZone), Date.now())).toISOString();
      const slots = await client.call('appointments.nextAvailable', { serviceIds, staffId: onlyProvider && staffId ? staffId : undefined, from, days: 14, limit: 8 });
      setState({ slots });
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <div className="next-available" data-testid="next-available">
      <div className="row row-tight">
        <button type="button" className="btn" disabled={!serviceIds.length || state.loading} onClick={search} data-testid="booking-next-available">
          {state.loading ? 'Searching…' : 'Next available'}
        </button>
        <label className="inline checkbox">
          <input type="checkbox" checked={onlyProvider} onChange={(e) => setOnlyProvider(e.target.checked)} data-testid="booking-next-provider-only" />
          only with {staffName}
        </label>
      </div>
      {state.error !== undefined && <ErrorBox error={state.error} testId="next-available-error" />}
      {state.slots && !state.slots.length && <Empty>No free time in the next 14 days for these services. Try another provider or a later date.</Empty>}
      {state.slots && state.slots.length > 0 && (
        <ul className="slot-list">
          {state.slots.map((slot) => (
            <li key={slot.startsAt + slot.segments.map((g) => g.staffId).join()}>
              <button type="button" className="slot" onClick={() => onPick(slot)} data-testid="booking-slot">
                <strong>{dayLabel(localDate(slot.startsAt, timeZone))}</strong> {rangeLabel(slot.startsAt, slot.endsAt, timeZone)}
                <span className="muted small">
                  {[...new Set(slot.segments.map((g) => refs.staff.find((s) => s.id === g.staffId)?.displayName ?? `#${g.staffId}`))].join(', ')}
                  {slot.segments.some((g) => g.roomId) && ' · ' + [...new Set(slot.segments.map((g) => refs.rooms.find((r) => r.id === g.roomId)?.name).filter(Boolean))].join(', ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
