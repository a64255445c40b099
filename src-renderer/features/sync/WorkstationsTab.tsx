import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Async } from '../../lib/ui';
import { ExchangeFiles } from './ExchangeFiles';
import { OtherWorkstations } from './OtherWorkstations';
import { SharedFolder } from './SharedFolder';
import { SyncConflicts } from './SyncConflicts';
import { ThisWorkstation } from './ThisWorkstation';

/** Settings → Workstations: this computer, the others it has heard of, how they exchange changes, and what to review. */
export function WorkstationsTab() {
  const can = useCan();
  const status = useCall('workstations.status', {});
  return (
    <div className="stack-page" data-testid="workstations">
      <Async state={status}>
        {(s) => (
          <>
            {s.clockWarning && (
              <div className="banner banner-alert" role="alert" data-testid="clock-warning">
                {s.clockWarning}
              </div>
            )}
            <div className="grid-2">
              <ThisWorkstation status={s} onChanged={status.reload} />
              <SharedFolder folder={s.sharedFolder} onSynced={status.reload} />
            </div>
            <OtherWorkstations others={s.others} />
            <ExchangeFiles others={s.others} onDone={status.reload} />
            {can('sync.manage') && <SyncConflicts open={s.openConflicts} onReviewed={status.reload} />}
          </>
        )}
      </Async>
    </div>
  );
}
