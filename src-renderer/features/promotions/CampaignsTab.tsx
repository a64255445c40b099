import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CampaignInput, type Campaign, type Coupon } from '../../../src-shared/contract/promotions';
import { client, errorMessage } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { centsToInput, formatDate, inputToCents, money } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { AsyncList } from '../../lib/ListPanel';
import { useClinic } from '../../lib/store';
import { Badge, Dialog, Field, FormError } from '../../lib/ui';
import { readFromText } from '../settings/readFromText';
import { CouponDialog, ExtendDialog } from './CouponDialog';
import { ECouponsDialog } from './ECouponsDialog';
import { discountLabel } from './labels';

type Editing = { campaign: Campaign | null } | { coupon: Coupon | null; campaignId: number } | { extend: Coupon } | { eCoupons: Coupon } | null;

/** Every campaign with its coupons: codes, value, window, uses and the discount they gave. */
export function CampaignsTab({ manage }: { manage: boolean }) {
  const state = useCall('campaigns.list', {});
  const [editing, setEditing] = useState<Editing>(null);
  const action = useAction();
  const close = () => setEditing(null);
  const setActive = (coupon: Coupon) => action.run(() => client.call('coupons.setActive', { id: coupon.id, active: !coupon.active }).then(state.reload));
  return (
    <div className="panel" data-testid="campaigns">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ campaign: null })} data-testid="campaign-add">
            New campaign
          </button>
        </div>
      )}
      <FormError message={action.error ? errorMessage(action.error) : undefined} />
      <AsyncList state={state} empty="No campaigns yet. A campaign groups the coupons of one promotion and what it cost.">
        {(campaigns) => campaigns.map((c) => <CampaignCard key={c.id} campaign={c} manage={manage} onEdit={setEditing} onToggle={setActive} />)}
      </AsyncList>
      {editing && 'campaign' in editing && <CampaignDialog campaign={editing.campaign} onClose={close} onSaved={state.reload} />}
      {editing && 'coupon' in editing && <CouponDialog coupon={editing.coupon} campaignId={editing.campaignId} onClose={close} onSaved={state.reload} />}
      {editing && 'extend' in editing && <ExtendDialog coupon={editing.extend} onClose={close} onSaved={state.reload} />}
      {editing && 'eCoupons' in editing && <ECouponsDialog coupon={editing.eCoupons} onClose={close} onSaved={state.reload} />}
    </div>
  );
}

function CampaignCard({ campaign, manage, onEdit, onToggle }: { campaign: Campaign; manage: boolean; onEdit: (e: Editing) => void; onToggle: (c: Coupon) => void }) {
  const { currency } = useClinic();
  return (
    <section className="card campaign-card" data-testid="campaign-card">
      <header className="inline">
        <h2>{campaign.name}</h2>
        <span className="muted">
          {campaign.channel} · cost {money(campaign.costCents, currency)}
        </span>
        {manage && (
          <>
            <button type="button" className="btn btn-link" onClick={() => onEdit({ campaign })}>
              Edit
            </button>
            <button type="button" className="btn" onClick={() => onEdit({ coupon: null, campaignId: campaign.id })} data-testid="coupon-add">
              Add coupon
            </button>
          </>
        )}
      </header>
      {campaign.coupons.length === 0 ? (
        <p className="muted">No coupons yet.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>Coupon</th>
              <th>Code</th>
              <th>Off</th>
              <th>Valid</th>
              <th className="num">Uses</th>
              <th className="num">Discount given</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {campaign.coupons.map((k) => (
              <tr key={k.id} className={k.active ? '' : 'inactive'} data-testid="coupon-row">
                <td>{k.name}</td>
                <td className="mono">{k.sharedCode ?? `${k.eCouponCount} e-coupons`}</td>
                <td>{discountLabel(k.discount, currency)}</td>
                <td className="nowrap">
                  {formatDate(k.validFrom)} – {formatDate(k.validTo)}
                </td>
                <td className="num">
                  {k.uses}
                  {k.maxUses !== null && ` / ${k.maxUses}`}
                </td>
                <td className="num">{money(k.discountGivenCents, currency)}</td>
                <td className="nowrap">
                  {!k.active && <Badge kind="muted">Inactive</Badge>}
                  {manage && (
                    <>
                      <button type="button" className="btn btn-link" onClick={() => onEdit({ coupon: k, campaignId: campaign.id })}>
                        Edit
                      </button>
                      <button type="button" className="btn btn-link" onClick={() => onEdit({ extend: k })} data-testid="coupon-extend">
                        Extend
                      </button>
                      {k.sharedCode === null && (
                        <button type="button" className="btn btn-link" onClick={() => onEdit({ eCoupons: k })} data-testid="coupon-ecoupons">
                          E-coupons
                        </button>
                      )}
                      <button type="button" className="btn btn-link" onClick={() => onToggle(k)} data-testid="coupon-toggle">
                        {k.active ? 'Deactivate' : 'Activate'}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface CampaignValues {
  name: string;
  channel: string;
  notes: string;
  costCents: string;
}
const CampaignSchema = CampaignInput.extend({ costCents: readFromText(CampaignInput.shape.costCents.unwrap(), 'An amount like 250.00') });

function CampaignDialog({ campaign, onClose, onSaved }: { campaign: Campaign | null; onClose: () => void; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<CampaignValues, unknown, z.output<typeof CampaignSchema>>({
    resolver: contractResolver(CampaignSchema, (v: CampaignValues) => ({ id: campaign?.id, ...v, costCents: v.costCents.trim() ? inputToCents(v.costCents, currency) : 0 })),
    defaultValues: { name: campaign?.name ?? '', channel: campaign?.channel ?? '', notes: campaign?.notes ?? '', costCents: campaign ? centsToInput(campaign.costCents, currency) : '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={campaign ? 'Edit campaign' : 'New campaign'} onClose={onClose} testId="campaign-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('campaigns.save', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'campaign-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="campaign-name" />
        </Field>
        <Field label="Channel" error={e.channel?.message} hint="Where it ran: Instagram, newsletter, flyer…">
          <input {...register('channel')} data-testid="campaign-channel" />
        </Field>
        <Field label={`Cost (${currency})`} error={e.costCents?.message}>
          <input inputMode="decimal" {...register('costCents')} className="input-short" data-testid="campaign-cost" />
        </Field>
        <Field label="Notes" error={e.notes?.message}>
          <textarea rows={2} {...register('notes')} />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
