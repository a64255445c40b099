import { settings, type OpeningInterval } from '../../../src-shared/contract/settings';
import { client } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Async } from '../../lib/ui';
import { WeeklyIntervals } from '../../lib/WeeklyIntervals';

export function HoursTab() {
  const state = useCall('settings.openingHours', {});
  return <Async state={state}>{(rows) => <HoursEditor initial={rows} />}</Async>;
}

function HoursEditor({ initial }: { initial: OpeningInterval[] }) {
  const can = useCan();
  const readOnly = !can('settings.manage');
  return (
    <div className="panel" data-testid="opening-hours">
      <WeeklyIntervals
        initial={initial}
        readOnly={readOnly}
        testIdPrefix="hours"
        closedLabel="Closed"
        startOf={(r) => r.opensAt}
        schema={settings['settings.setOpeningHours'].input}
        toInput={(intervals) => ({ intervals })}
        renderFields={(field, day) => (
          <>
            <input type="time" {...field('opensAt')} disabled={readOnly} aria-label={`${day} opens`} />
            –
            <input type="time" {...field('closesAt')} disabled={readOnly} aria-label={`${day} closes`} />
          </>
        )}
        renderAdd={(weekday, mine, add) => (
          <button
            type="button"
            className="btn btn-small"
            data-testid={`hours-add-${weekday}`}
            onClick={() => {
              const last = mine[mine.length - 1];
              add(last ? { weekday, opensAt: last.closesAt, closesAt: '18:00' } : { weekday, opensAt: '09:00', closesAt: '17:00' });
            }}
          >
            + Add hours
          </button>
        )}
        saveLabel="Save opening hours"
        savedNotice="Opening hours saved"
        onSave={(input) => client.call('settings.setOpeningHours', input)}
      />
    </div>
  );
}
