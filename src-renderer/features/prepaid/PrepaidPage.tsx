import { useState } from 'react';
import type { GiftCard, PackagePlan, TopUpPlan } from '../../../src-shared/contract/prepaid';
import { client, errorMessage } from '../../lib/client';
import { formatDate, formatInstant, money } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Async, Badge, Empty, FormError } from '../../lib/ui';
import { formatCode, giftCardEntryLabels } from './labels';
import { PackagePlanDialog, TopUpPlanDialog } from './PlanDialogs';

type Editing = { kind: 'package'; plan: PackagePlan | null } | { kind: 'topUp'; plan: TopUpPlan | null } | null;

/** Prepaid at a glance: the gift-card lookup for the desk, package and top-up plans for a manager. Route #/prepaid */
export function PrepaidPage() {
  const can = useCan();
  const { currency } = useClinic();
  const packages = useCall('packagePlans.list', { includeInactive: true });
  const topUps = useCall('topUpPlans.list', { includeInactive: true });
  const [editing, setEditing] = useState<Editing>(null);
  const manage = can('prepaid.manage');
  return (
    <section className="page" data-testid="prepaid-page">
      <h1>Packages, gift cards & top-ups</h1>
      <GiftCardLookup />
      <h2>Packages</h2>
      <Async state={packages} loadingLabel="Loading packages…">
        {(plans) =>
          plans.length ? (
            <table className="table">
              <tbody>
                {plans.map((p) => (
                  <tr key={p.id} data-testid="package-plan-row">
                    <td>{p.name} {!p.active && <Badge kind="muted">Not sold</Badge>}</td>
                    <td>{p.units} × {p.covers}</td>
                    <td className="num">{money(p.priceCents, currency)}</td>
                    <td>{p.validityDays} days{p.transferable ? ' · transferable' : ''}</td>
                    <td>{manage && <button type="button" className="btn btn-link" onClick={() => setEditing({ kind: 'package', plan: p })}>Edit</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No packages defined.</Empty>
          )
        }
      </Async>
      {manage && <button type="button" className="btn" onClick={() => setEditing({ kind: 'package', plan: null })} data-testid="package-plan-new">New package…</button>}
      <h2>Stored-value top-ups</h2>
      <Async state={topUps} loadingLabel="Loading top-ups…">
        {(plans) =>
          plans.length ? (
            <table className="table">
              <tbody>
                {plans.map((p) => (
                  <tr key={p.id} data-testid="top-up-plan-row">
                    <td>{p.name} {!p.active && <Badge kind="muted">Not sold</Badge>}</td>
                    <td className="num">pays {money(p.amountCents, currency)}</td>
                    <td className="num">receives {money(p.amountCents + p.bonusCents, currency)}</td>
                    <td>{manage && <button type="button" className="btn btn-link" onClick={() => setEditing({ kind: 'topUp', plan: p })}>Edit</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No top-ups defined.</Empty>
          )
        }
      </Async>
      {manage && <button type="button" className="btn" onClick={() => setEditing({ kind: 'topUp', plan: null })} data-testid="top-up-plan-new">New top-up…</button>}
      {manage && <GiftCardValidity />}
      {editing?.kind === 'package' && <PackagePlanDialog plan={editing.plan} onClose={() => setEditing(null)} onSaved={packages.reload} />}
      {editing?.kind === 'topUp' && <TopUpPlanDialog plan={editing.plan} onClose={() => setEditing(null)} onSaved={topUps.reload} />}
    </section>
  );
}

/** How long new gift cards stay valid (cards already sold keep their date). */
function GiftCardValidity() {
  const settings = useCall('prepaid.settings', {});
  const [months, setMonths] = useState('');
  const action = useAction();
  const save = () =>
    action.run(async () => {
      const saved = await client.call('prepaid.saveSettings', { giftCardValidityMonths: Number(months) });
      setMonths('');
      settings.reload();
      useUi.getState().notify(`New gift cards stay valid ${saved.giftCardValidityMonths} months`);
    });
  return (
    <div className="panel">
      <h2>Gift-card validity</h2>
      <form className="inline" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <input inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} placeholder={settings.data ? String(settings.data.giftCardValidityMonths) : ''} aria-label="Months a new gift card stays valid" className="input-short" data-testid="gift-card-months" />
        <span>months</span>
        <button type="submit" className="btn" disabled={!/^\d+$/.test(months) || action.busy} data-testid="gift-card-months-save">Save</button>
      </form>
      <FormError message={action.error === undefined ? undefined : errorMessage(action.error)} />
    </div>
  );
}

/** The desk types or scans a card's code and sees what it holds, until when, and where it was spent. */
function GiftCardLookup() {
  const { currency, timeZone } = useClinic();
  const [code, setCode] = useState('');
  const [card, setCard] = useState<GiftCard | null>(null);
  const action = useAction();
  const look = () => action.run(async () => setCard(await client.call('giftCards.lookup', { code })));
  return (
    <div className="panel">
      <h2>Gift card balance</h2>
      <form className="inline" onSubmit={(e) => { e.preventDefault(); void look(); }}>
        <input value={code} onChange={(e) => setCode(e.target.value)} aria-label="Gift card code" placeholder="ABCD-EFGH-JKMN" data-testid="gift-card-code" />
        <button type="submit" className="btn" disabled={code.trim().length < 4 || action.busy} data-testid="gift-card-lookup">Look up</button>
      </form>
      <FormError message={action.error === undefined ? undefined : errorMessage(action.error)} />
      {card && (
        <div data-testid="gift-card-found">
          <p>
            <strong>{formatCode(card.code)}</strong> holds <strong>{money(card.balanceCents, currency)}</strong> of {money(card.amountCents, currency)} · {card.state === 'active' ? `valid until ${formatDate(card.expiresOn)}` : card.state}
          </p>
          <ul className="plain-list">
            {card.entries.map((e) => (
              <li key={e.id}>{formatInstant(e.at, timeZone, false)} · {giftCardEntryLabels[e.kind]} {money(e.amountCents, currency)}{e.invoiceNumber ? ` · ${e.invoiceNumber}` : ''}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
