import { useState } from 'react';
import type { SegmentQuery } from '../../../src-shared/contract/segments';
import { client, errorMessage } from '../../lib/client';
import { useAction, useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Async, Dialog, Empty, Field, FormError } from '../../lib/ui';

/**
 * A segment as a campaign's audience: one e-coupon code for each member who may be contacted (do-not-contact left
 * out), through promotions' own `coupons.issueCodes`. Only coupons handed out as e-coupons (no shared code) are offered.
 */
export function AudienceDialog({ query, onClose }: { query: SegmentQuery; onClose: () => void }) {
  const campaigns = useCall('campaigns.list', {});
  const [couponId, setCouponId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const send = useAction();
  const handOut = () =>
    send.run(async () => {
      const audience = await client.call('segments.audience', { query });
      if (!audience.patientIds.length) throw new Error('No member of this segment may be contacted.');
      const codes = await client.call('coupons.issueCodes', { couponId: Number(couponId), patientIds: audience.patientIds });
      const left = audience.total - audience.patientIds.length;
      setDone(`${codes.length} e-coupons handed out${left > 0 ? ` (${left} more members: run it again on a narrower segment)` : ''}.`);
      useUi.getState().notify(`${codes.length} e-coupons handed out`);
    });
  return (
    <Dialog title="Send e-coupons to this segment" onClose={onClose} testId="audience-dialog">
      <Async state={campaigns}>
        {(list) => {
          const coupons = list.flatMap((c) => c.coupons.filter((k) => k.active && k.sharedCode === null).map((k) => ({ id: k.id, label: `${c.name} — ${k.name}` })));
          if (!coupons.length) return <Empty>No active e-coupon yet: create a coupon without a shared code in Promotions.</Empty>;
          return (
            <div className="form">
              <Field label="Coupon">
                <select value={couponId} onChange={(e) => setCouponId(e.target.value)} data-testid="audience-coupon">
                  <option value="">Choose…</option>
                  {coupons.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </Field>
              {done && <p data-testid="audience-done">{done}</p>}
              <FormError message={send.error ? errorMessage(send.error) : undefined} />
              <div className="actions">
                <button type="button" className="btn" onClick={onClose}>
                  Close
                </button>
                <button type="button" className="btn btn-primary" disabled={!couponId || send.busy || done !== null} onClick={() => void handOut()} data-testid="audience-send">
                  Hand out codes
                </button>
              </div>
            </div>
          );
        }}
      </Async>
    </Dialog>
  );
}
