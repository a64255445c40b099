import type { FieldErrors, UseFormReturn } from 'react-hook-form';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import type { Service } from '../../../src-shared/contract/catalog';
import type { Product } from '../../../src-shared/contract/inventory';
import type { TaxRate } from '../../../src-shared/contract/settings';
import type { StaffRow } from '../../../src-shared/contract/staff';
import { centsToInput, money } from '../../lib/format';
import type { DraftValues } from './draftValues';
import { messageOf } from './fieldMessage';
import { rateLabel } from './labels';

export interface Choices {
  services: Service[];
  /** Products from inventory (empty without inventory.read). */
  products: Product[];
  staff: StaffRow[];
  taxRates: TaxRate[];
  defaultRate: number;
}

/** One editable row of a draft: service or description, provider, units, price, discount, tax rate. */
export function DraftLine({ form, index, choices, currency, lineTotal, onRemove }: { form: UseFormReturn<DraftValues, unknown, ParsedInputOf<'invoices.saveDraft'>>; index: number; choices: Choices; currency: string; lineTotal?: number; onRemove: () => void }) {
  const { register, setValue, watch, formState } = form;
  const errors: FieldErrors<DraftValues['lines'][number]> = formState.errors.lines?.[index] ?? {};
  const field = (name: keyof DraftValues['lines'][number]) => register(`lines.${index}.${name}`);
  const rate = watch(`lines.${index}.taxRateMillipercent`);
  const discountKind = watch(`lines.${index}.discountKind`);
  const rates = choices.taxRates.some((r) => String(r.rateMillipercent) === rate) ? choices.taxRates : [...choices.taxRates, { id: 0, name: 'This line’s rate', rateMillipercent: Number(rate), isDefault: false, active: true }];

  // Picking a service fills in its name, price and tax rate; the desk may still change them.
  const pickService = (id: string) => {
    const service = choices.services.find((s) => String(s.id) === id);
    if (!service) return;
    setValue(`lines.${index}.description`, service.name);
    setValue(`lines.${index}.unitPriceCents`, centsToInput(service.priceCents, currency));
    setValue(`lines.${index}.taxRateMillipercent`, String(service.taxable ? choices.defaultRate : 0));
  };
  // A package, top-up or gift card line: its price and tax come from what it sells (a gift card's price is its value).
  const ahead = watch(`lines.${index}.packagePlanId`) ? 'Package' : watch(`lines.${index}.topUpPlanId`) ? 'Top-up' : watch(`lines.${index}.giftCard`) ? 'Gift card' : null;
  // One picker for services and products: a product line names the product, whose stock leaves when it is issued.
  const productId = watch(`lines.${index}.productId`);
  const serviceId = watch(`lines.${index}.serviceId`);
  const pickItem = (value: string) => {
    const product = value.startsWith('product:') ? choices.products.find((p) => `product:${p.id}` === value) : undefined;
    setValue(`lines.${index}.productId`, product ? String(product.id) : '');
    setValue(`lines.${index}.lotId`, '');
    setValue(`lines.${index}.serviceId`, product ? '' : value, { shouldDirty: true });
    if (!product) return pickService(value);
    setValue(`lines.${index}.description`, product.name);
    setValue(`lines.${index}.unitPriceCents`, centsToInput(product.priceCents, currency));
    setValue(`lines.${index}.taxRateMillipercent`, String(product.taxable ? choices.defaultRate : 0));
  };
  const cellError = (message?: string) => message && <span className="field-error" role="alert">{message}</span>;

  return (
    <tr data-testid="draft-line">
      <td>
        {ahead ? (
          <span className="badge badge-neutral" data-testid={`line-ahead-${index}`}>
            {ahead}
          </span>
        ) : (
          <select name={`lines.${index}.serviceId`} value={productId ? `product:${productId}` : serviceId} aria-label="Service or product" onChange={(e) => pickItem(e.target.value)} data-testid={`line-service-${index}`}>
            <option value="">Other (describe)</option>
            <optgroup label="Services">
            {choices.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            </optgroup>
            {choices.products.length > 0 && (
              <optgroup label="Products">
                {choices.products.map((p) => (
                  <option key={p.id} value={`product:${p.id}`}>
                    {p.name} ({p.onHand} in stock)
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        )}
        <input {...field('description')} aria-label="Description" placeholder="Description" maxLength={200} data-testid={`line-description-${index}`} />
        {ahead === 'Gift card' && <input {...field('giftCardCode')} aria-label="Card code (pre-printed)" placeholder="Code of a pre-printed card (else one is made)" maxLength={24} data-testid={`line-card-code-${index}`} />}
        {cellError(messageOf(errors.description) ?? messageOf(errors.serviceId) ?? messageOf(errors.giftCardCode) ?? messageOf(errors.giftCard) ?? messageOf(errors.packagePlanId) ?? messageOf(errors.topUpPlanId))}
      </td>
      <td>
        <select {...field('staffId')} aria-label="Provider" data-testid={`line-staff-${index}`}>
          <option value="">—</option>
          {choices.staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
        {cellError(messageOf(errors.staffId))}
      </td>
      <td className="num">
        <input {...field('quantity')} aria-label="Quantity" inputMode="numeric" className="input-units" readOnly={ahead !== null} data-testid={`line-quantity-${index}`} />
        {cellError(messageOf(errors.quantity))}
      </td>
      <td className="num">
        <input {...field('unitPriceCents')} aria-label="Unit price" inputMode="decimal" className="input-money" readOnly={ahead !== null && ahead !== 'Gift card'} data-testid={`line-price-${index}`} />
        {cellError(messageOf(errors.unitPriceCents))}
      </td>
      <td>
        <div className="inline">
          <select {...field('discountKind')} aria-label="Discount type" data-testid={`line-discount-kind-${index}`}>
            <option value="none">No discount</option>
            <option value="percent">%</option>
            <option value="amount">Amount</option>
          </select>
          {discountKind !== 'none' && <input {...field('discount')} aria-label="Discount" inputMode="decimal" className="input-money" data-testid={`line-discount-${index}`} />}
        </div>
        {cellError(messageOf(errors.discount))}
      </td>
      <td>
        <select {...field('taxRateMillipercent')} aria-label="Tax rate" data-testid={`line-tax-${index}`}>
          {!rates.some((r) => r.rateMillipercent === 0) && <option value="0">No tax</option>}
          {rates.map((r) => (
            <option key={`${r.id}-${r.rateMillipercent}`} value={r.rateMillipercent}>
              {r.name} ({rateLabel(r.rateMillipercent)})
            </option>
          ))}
        </select>
        {cellError(messageOf(errors.taxRateMillipercent))}
      </td>
      <td className="num" data-testid={`line-total-${index}`}>
        {lineTotal === undefined ? '—' : money(lineTotal, currency)}
      </td>
      <td>
        <button type="button" className="btn-icon" aria-label={`Remove line ${index + 1}`} onClick={onRemove} data-testid={`line-remove-${index}`}>
          ×
        </button>
      </td>
    </tr>
  );
}
