import { bandLabels, contactChannels, channelLabels, dueSorts, overdueBands, type OverdueBand } from '../../../src-shared/contract/retention';
import { useCall } from '../../lib/hooks';

export interface Filters {
  category: string;
  bands: OverdueBand[];
  scheduled: 'yes' | 'no' | 'any';
  channel: '' | (typeof contactChannels)[number];
  search: string;
  sort: (typeof dueSorts)[number];
}

const sortLabels: Record<Filters['sort'], string> = { daysOverdue: 'Days overdue', patient: 'Patient', category: 'Treatment', provider: 'Provider', lastContact: 'Last contact', lifetimeValue: 'Lifetime value' };

/** Category, bands (chips), scheduled or not, contactable channel, search and sort of a due list. */
export function DueFilters({ value, onChange, showBands }: { value: Filters; onChange: (f: Filters) => void; showBands: boolean }) {
  const categories = useCall('catalog.categories', {});
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <div className="actions actions-start no-print" data-testid="due-filters">
      <label className="field">
        <span className="field-label">Treatment</span>
        <select value={value.category} onChange={(e) => set({ category: e.target.value })} data-testid="due-category">
          <option value="">All</option>
          {(categories.data ?? [])
            .filter((c) => c.maintenanceIntervalDays !== null)
            .map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
        </select>
      </label>
      {showBands && (
        <div className="chips" role="group" aria-label="Days overdue">
          {overdueBands.map((b) => (
            <button
              key={b}
              type="button"
              className={`chip${value.bands.includes(b) ? ' chip-on' : ''}`}
              aria-pressed={value.bands.includes(b)}
              onClick={() => set({ bands: value.bands.includes(b) ? value.bands.filter((x) => x !== b) : [...value.bands, b] })}
              data-testid={`due-band-${b}`}
            >
              {bandLabels[b]}
            </button>
          ))}
        </div>
      )}
      <label className="field">
        <span className="field-label">Booked</span>
        <select value={value.scheduled} onChange={(e) => set({ scheduled: e.target.value as Filters['scheduled'] })} data-testid="due-scheduled">
          <option value="any">Scheduled or not</option>
          <option value="no">Not scheduled</option>
          <option value="yes">Scheduled</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">May contact by</span>
        <select value={value.channel} onChange={(e) => set({ channel: e.target.value as Filters['channel'] })} data-testid="due-channel">
          <option value="">Any</option>
          {contactChannels.map((c) => (
            <option key={c} value={c}>
              {channelLabels[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Patient</span>
        <input value={value.search} onChange={(e) => set({ search: e.target.value })} placeholder="Name or number" data-testid="due-search" />
      </label>
      <label className="field">
        <span className="field-label">Sort</span>
        <select value={value.sort} onChange={(e) => set({ sort: e.target.value as Filters['sort'] })} data-testid="due-sort">
          {dueSorts.map((s) => (
            <option key={s} value={s}>
              {sortLabels[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
