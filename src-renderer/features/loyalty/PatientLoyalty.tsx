import { useState } from 'react';
import type { PatientLoyalty as Standing } from '../../../src-shared/contract/loyalty';
import { formatDate, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, Badge, Empty } from '../../lib/ui';
import { AdjustDialog } from './AdjustDialog';
import { PointsStatement, STATEMENT_PAGE } from './PointsStatement';
import './loyalty.css';

/** A patient's points: balance and what it pays, tier and the next, what expires soon, the statement; managers adjust. */
export default function PatientLoyalty({ patientId }: { patientId: number }) {
  const state = useCall('loyalty.forPatient', { patientId, pageSize: STATEMENT_PAGE });
  return (
    <div className="stack-page" data-testid="patient-loyalty">
      <Async state={state} loadingLabel="Loading points…">
        {(standing) => <StandingView standing={standing} onChanged={state.reload} />}
      </Async>
    </div>
  );
}

function StandingView({ standing, onChanged }: { standing: Standing; onChanged: () => void }) {
  const can = useCan();
  const [adjusting, setAdjusting] = useState(false);
  const adjust = can('loyalty.manage') ? () => setAdjusting(true) : undefined;
  const hasPoints = standing.statementTotal > 0;
  return (
    <>
      {!standing.enabled && (
        <Empty action={can('loyalty.manage') && <a href="#/settings/loyalty">Set up the loyalty program</a>}>
          The loyalty program is off: patients earn and redeem no points.{hasPoints && ' The points below are kept for when it is on again.'}
        </Empty>
      )}
      {standing.enabled && !hasPoints && (
        <Empty
          action={
            adjust && (
              <button type="button" className="btn" onClick={adjust} data-testid="loyalty-adjust">
                Adjust points…
              </button>
            )
          }
        >
          No points yet. A paid invoice earns them.
        </Empty>
      )}
      {hasPoints && <Card standing={standing} onAdjust={adjust} />}
      {hasPoints && <PointsStatement patientId={standing.patientId} first={standing} />}
      {adjusting && (
        <AdjustDialog
          patientId={standing.patientId}
          balance={standing.balance}
          onClose={() => setAdjusting(false)}
          onDone={() => {
            setAdjusting(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}

function Card({ standing: s, onAdjust }: { standing: Standing; onAdjust?: () => void }) {
  const { currency } = useClinic();
  const categories = useCall('catalog.categories', s.tier?.categoryIds.length ? { includeInactive: true } : null);
  const names = (ids: number[]) => ids.map((id) => categories.data?.find((c) => c.id === id)?.name ?? '…').join(', ');
  const pastDate = s.balance - s.available;
  return (
    <section className="panel" aria-label="Points" data-testid="loyalty-card">
      <div className="page-head">
        <dl className="loyalty-figures">
          <div>
            <dt>Points</dt>
            <dd data-testid="loyalty-balance">{s.balance.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Worth at the desk</dt>
            <dd data-testid="loyalty-value">{money(s.valueCents, currency)}</dd>
          </div>
          <div>
            <dt>Tier</dt>
            <dd data-testid="loyalty-tier">{s.tier?.name ?? '—'}</dd>
          </div>
        </dl>
        {onAdjust && (
          <button type="button" className="btn" onClick={onAdjust} data-testid="loyalty-adjust">
            Adjust points…
          </button>
        )}
      </div>
      <ul className="loyalty-facts">
        {pastDate > 0 && <li data-testid="loyalty-past-date">{pastDate.toLocaleString()} points are past their date and can no longer be used.</li>}
        {s.tier && (s.tier.discountPercent > 0 || s.tier.birthdayPoints > 0) && (
          <li>
            {s.tier.name}:{s.tier.discountPercent > 0 && ` ${s.tier.discountPercent} % off ${s.tier.categoryIds.length ? names(s.tier.categoryIds) : 'every purchase but gift cards and top-ups'}`}
            {s.tier.discountPercent > 0 && s.tier.birthdayPoints > 0 && ';'}
            {s.tier.birthdayPoints > 0 && ` ${s.tier.birthdayPoints.toLocaleString()} points on the birthday`}.
          </li>
        )}
        <li data-testid="loyalty-next-tier">
          {s.earned12Months.toLocaleString()} points earned in the last 12 months
          {s.nextTier ? `; ${s.nextTier.missingPoints.toLocaleString()} more to reach ${s.nextTier.name}.` : s.tier ? ' — the highest tier.' : '.'}
        </li>
        {s.expiringSoon.map((e) => (
          <li key={e.expiresOn} data-testid="loyalty-expiring">
            <Badge kind="warn">Expiring</Badge> {e.points.toLocaleString()} points can be used until {formatDate(e.expiresOn)}.
          </li>
        ))}
      </ul>
    </section>
  );
}
