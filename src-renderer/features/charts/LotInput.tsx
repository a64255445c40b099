import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { ComboBox } from '../../lib/ui';
import { lotsFor, useChartForm, type Lot } from './chartValues';

/** The lots in stock for a product; charts.lots matches by prefix, so its own lots win over those of longer names. */
function useLots(product: string): Lot[] {
  const [lots, setLots] = useState<Lot[]>([]);
  const wanted = useDebounced(product.trim(), 250);
  useEffect(() => {
    if (!wanted) {
      setLots([]);
      return;
    }
    let live = true;
    lotsFor(wanted).then(
      (found) => {
        const own = found.filter((l) => l.product.toLowerCase() === wanted.toLowerCase());
        if (live) setLots((own.length ? own : found).filter((l, i, all) => all.findIndex((o) => o.lot === l.lot) === i));
      },
      () => live && setLots([]),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return lots;
}

/** Lot with the lots in stock for this product offered (first-expiring first); picking one fills its expiry, another lot is simply typed. */
export function LotInput({ index, product }: { index: number; product: string }) {
  const { control, setValue } = useChartForm();
  const lots = useLots(product);
  return (
    <Controller
      control={control}
      name={`content.injections.${index}.lot`}
      render={({ field }) => (
        <ComboBox
          options={lots}
          value={field.value}
          onChange={(text, lot) => {
            field.onChange(text);
            if (!lot) return;
            setValue(`content.injections.${index}.expiry`, lot.expiry, { shouldDirty: true, shouldValidate: true });
            if (lot.product !== product) setValue(`content.injections.${index}.product`, lot.product, { shouldDirty: true });
          }}
          toText={(l) => l.lot}
          render={(l) => (
            <>
              {l.lot} <span className="muted">· exp {formatDate(l.expiry)} · {l.onHand} {l.unit} in stock{l.product !== product ? ` · ${l.product}` : ''}</span>
            </>
          )}
          freeText
          testId={`inj-lot-${index}`}
          inputProps={{ name: field.name, ref: field.ref } as React.InputHTMLAttributes<HTMLInputElement>}
        />
      )}
    />
  );
}
