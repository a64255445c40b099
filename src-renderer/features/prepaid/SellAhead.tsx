import { centsToInput } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { blankLine, type LineValues } from '../checkout/draftValues';

/**
 * Adds a line that sells something ahead: a package (its price, the covered service's tax), a stored-value top-up
 * or a gift card (no tax until spent; the desk types its value in the price).
 */
export function SellAhead({ defaultRate, currency, onPick }: { defaultRate: number; currency: string; onPick: (line: LineValues) => void }) {
  const packages = useCall('packagePlans.list', {});
  const topUps = useCall('topUpPlans.list', {});
  const pick = (value: string) => {
    const [kind, id] = value.split(':');
    const plan = packages.data?.find((p) => String(p.id) === id);
    const topUp = topUps.data?.find((p) => String(p.id) === id);
    if (kind === 'package' && plan) onPick({ ...blankLine(defaultRate), description: plan.name, unitPriceCents: centsToInput(plan.priceCents, currency), packagePlanId: id });
    if (kind === 'topUp' && topUp) onPick({ ...blankLine(0), description: topUp.name, unitPriceCents: centsToInput(topUp.amountCents, currency), topUpPlanId: id });
    if (kind === 'giftCard') onPick({ ...blankLine(0), description: 'Gift card', unitPriceCents: '', giftCard: true });
  };
  return (
    <select aria-label="Sell ahead" value="" onChange={(e) => pick(e.target.value)} data-testid="sell-ahead">
      <option value="">Sell a package, top-up or gift card…</option>
      {!!packages.data?.length && (
        <optgroup label="Packages">
          {packages.data.map((p) => (
            <option key={p.id} value={`package:${p.id}`}>
              {p.name} ({p.units} × {p.covers})
            </option>
          ))}
        </optgroup>
      )}
      {!!topUps.data?.length && (
        <optgroup label="Stored-value top-ups">
          {topUps.data.map((p) => (
            <option key={p.id} value={`topUp:${p.id}`}>
              {p.name}
            </option>
          ))}
        </optgroup>
      )}
      <option value="giftCard:">Gift card…</option>
    </select>
  );
}
