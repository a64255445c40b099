import { useForm, useWatch } from 'react-hook-form';
import { closing, type ZReport } from '../../../src-shared/contract/closing';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { minorUnits } from '../../../src-shared/money';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { centsToInput, inputToCents, money } from '../../lib/format';
import { contractResolver } from '../../lib/forms';
import { useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { denominationsOf } from './denominations';

interface CloseValues {
  openingFloatCents: string;
  countedCents: string;
  /** Count of each note and coin, as typed ('' = not counted that way). */
  counts: Record<string, string>;
  floatLeftCents: string;
  note: string;
}

const amount = (text: string, currency: string) => (text.trim() ? (inputToCents(text, currency) ?? NaN) : undefined);

function toInput(date: string, v: CloseValues, currency: string) {
  const denominations = Object.entries(v.counts)
    .filter(([, count]) => count.trim())
    .map(([value, count]) => ({ valueCents: Number(value), count: Number(count) }));
  return { date, openingFloatCents: amount(v.openingFloatCents, currency), countedCents: amount(v.countedCents, currency), denominations, floatLeftCents: amount(v.floatLeftCents, currency), note: v.note };
}

/** Closing the till's day: count the drawer (as a total or note by note), see the difference, explain it, close. */
export function CloseDayDialog({ report, onClose, onDone }: { report: ZReport; onClose: () => void; onDone: () => void }) {
  const { currency } = report;
  const float = report.figures.cash.openingFloatCents;
  const form = useForm<CloseValues, unknown, ParsedInputOf<'closing.close'>>({
    resolver: contractResolver(closing['closing.close'].input, (v: CloseValues) => toInput(report.date, v, currency)),
    defaultValues: { openingFloatCents: centsToInput(float, currency), countedCents: '', counts: {}, floatLeftCents: '', note: '' },
  });
  const { register, formState, control } = form;
  const values = useWatch({ control }) as CloseValues;
  const input = toInput(report.date, values, currency);
  const byNotes = input.denominations.reduce((sum, d) => sum + d.valueCents * (Number.isInteger(d.count) ? d.count : NaN), 0);
  const counted = input.countedCents ?? (input.denominations.length ? byNotes : undefined);
  const openingFloat = input.openingFloatCents ?? 0;
  const expected = report.figures.cash.expectedCents - float + openingFloat;
  const difference = counted === undefined || Number.isNaN(counted) || Number.isNaN(expected) ? null : counted - expected;
  const denominations = minorUnits(currency) === 2 ? denominationsOf(currency) : [];

  return (
    <Dialog title={`Close ${report.date} — ${report.workstation?.name ?? ''}`} onClose={onClose} wide testId="close-day-dialog">
      <DialogForm
        form={form}
        onCancel={onClose}
        refusals={{ known: ['openingFloatCents', 'countedCents', 'floatLeftCents', 'note'] }}
        submit={{ label: 'Close the day', testId: 'close-day-submit', busyLabel: 'Closing…' }}
        onSubmit={async (parsed) => {
          await client.call('closing.close', parsed);
          useUi.getState().notify(`${report.date} is closed`);
          onDone();
        }}
      >
        <p>Once closed, nothing dated {report.date} can be issued, paid, refunded or voided on this till. A close cannot be undone.</p>
        <div className="form-row">
          <Field label="Opening float" error={formState.errors.openingFloatCents?.message}>
            <input {...register('openingFloatCents')} inputMode="decimal" className="input-money" data-testid="close-float" />
          </Field>
          <Field label="Counted in the drawer" error={formState.errors.countedCents?.message} hint={input.denominations.length ? `Notes and coins: ${money(byNotes || 0, currency)}` : 'Or count by notes and coins below'}>
            <input {...register('countedCents')} inputMode="decimal" className="input-money" autoFocus data-testid="close-counted" />
          </Field>
        </div>
        {denominations.length > 0 && (
          <details className="denominations">
            <summary>Count by notes and coins</summary>
            <div className="denomination-grid">
              {denominations.map((value) => (
                <Field key={value} label={money(value, currency)}>
                  <input {...register(`counts.${value}`)} inputMode="numeric" className="input-count" data-testid={`close-count-${value}`} />
                </Field>
              ))}
            </div>
          </details>
        )}
        <p className="close-summary" data-testid="close-difference">
          Expected {money(Number.isNaN(expected) ? 0 : expected, currency)}
          {difference !== null && (difference === 0 ? ' · the drawer balances' : ` · ${money(Math.abs(difference), currency)} ${difference < 0 ? 'short' : 'over'}`)}
        </p>
        <div className="form-row">
          <Field label="Float left for tomorrow" error={formState.errors.floatLeftCents?.message} hint="The rest is banked">
            <input {...register('floatLeftCents')} inputMode="decimal" className="input-money" placeholder={centsToInput(openingFloat, currency)} data-testid="close-float-left" />
          </Field>
          <Field label={difference ? 'Why the drawer differs (required)' : 'Note'} error={formState.errors.note?.message}>
            <input {...register('note')} maxLength={500} data-testid="close-note" />
          </Field>
        </div>
      </DialogForm>
    </Dialog>
  );
}
