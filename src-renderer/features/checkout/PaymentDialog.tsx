import { useFieldArray, useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { checkout, tenders, type Invoice } from '../../../src-shared/contract/checkout';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { pointsPaying, valueOfPoints } from '../../../src-shared/loyalty';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { centsToInput, inputToCents, money } from '../../lib/format';
import { contractResolver } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { NO_PREPAID, PrepaidTenderFields } from '../prepaid/PrepaidTenderFields';
import { tenderLabels } from './labels';

type Tender = (typeof tenders)[number];

interface TenderValues {
  tender: Tender;
  amountCents: string;
  /** Cash only: what the patient handed over. */
  tenderedCents: string;
  reference: string;
  giftCardCode: string;
  /** Package tender: the patient's package that pays the lines it covers. */
  patientPackageId: string;
  /** Points tender: how many points the patient uses. */
  points: string;
}

interface PaymentValues {
  tenders: TenderValues[];
}

const cents = (text: string, currency: string): number => inputToCents(text, currency) ?? NaN;
const wholePoints = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);
/** Neither a package nor points is typed as money: the server works out what they pay (points: shown here by the same rule). */
const paysItsOwnAmount = (tender: Tender) => tender === 'package' || tender === 'points';
const NO_EXTRAS = { ...NO_PREPAID, points: '' };

function toInput(invoiceId: number, values: PaymentValues, currency: string) {
  return {
    invoiceId,
    tenders: values.tenders.map((t) => ({
      tender: t.tender,
      amountCents: paysItsOwnAmount(t.tender) ? undefined : cents(t.amountCents, currency),
      tenderedCents: t.tender === 'cash' && t.tenderedCents.trim() ? cents(t.tenderedCents, currency) : undefined,
      reference: t.tender === 'card' || t.tender === 'transfer' ? t.reference : '',
      giftCardCode: t.tender === 'giftCard' ? t.giftCardCode : undefined,
      patientPackageId: t.tender === 'package' ? Number(t.patientPackageId) : undefined,
      points: t.tender === 'points' ? (wholePoints(t.points) ?? NaN) : undefined,
    })),
  };
}

/** Taking payment, split across tenders: the first defaults to what is due, each added one to what is left. */
export function PaymentDialog({ invoice, onClose, onDone }: { invoice: Invoice; onClose: () => void; onDone: () => void }) {
  const { currency } = useClinic();
  const balance = useCall('checkout.balance', invoice.patientId === null ? null : { patientId: invoice.patientId });
  const packages = useCall('packages.forPatient', invoice.patientId === null ? null : { patientId: invoice.patientId });
  const openPackages = (packages.data ?? []).filter((p) => p.state === 'open');
  const loyalty = useCall('loyalty.benefits', invoice.patientId === null ? null : { patientId: invoice.patientId });
  const program = useCall('loyalty.settings', invoice.patientId === null ? null : {});
  const rate = program.data;
  const usablePoints = rate?.enabled ? (loyalty.data?.available ?? 0) : 0;
  const form = useForm<PaymentValues, unknown, ParsedInputOf<'payments.take'>>({
    resolver: contractResolver(checkout['payments.take'].input, (v: PaymentValues) => toInput(invoice.id, v, currency)),
    defaultValues: { tenders: [{ ...NO_EXTRAS, tender: 'card', amountCents: centsToInput(invoice.dueCents, currency), tenderedCents: '', reference: '' }] },
  });
  const { control, register, formState } = form;
  const rows = useFieldArray({ control, name: 'tenders' });
  const values = useWatch({ control }) as PaymentValues;
  const pointsValue = (text: string) => {
    const points = wholePoints(text);
    return points === null || !rate ? null : valueOfPoints(rate, points);
  };
  const amounts = values.tenders.map((t) => (t.tender === 'package' ? 0 : t.tender === 'points' ? pointsValue(t.points) : inputToCents(t.amountCents, currency)));
  const byPackage = values.tenders.some((t) => t.tender === 'package');
  const taking = amounts.every((a) => a !== null) ? amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0) : null;
  /** The most points a row can use: what the patient has, and no more than the other tenders leave to pay. */
  const mostPoints = (index: number) => (rate ? Math.min(usablePoints, pointsPaying(rate, Math.max(0, invoice.dueCents - amounts.reduce<number>((sum, a, i) => sum + (i === index ? 0 : (a ?? 0)), 0)))) : 0);
  const left = taking === null ? null : invoice.dueCents - taking;
  const storedValue = balance.data?.storedValueCents ?? 0;
  const tenderChoices = tenders.filter((t) => (t !== 'storedValue' || storedValue > 0) && (t !== 'package' || openPackages.length > 0) && (t !== 'points' || usablePoints > 0));

  return (
    <Dialog title={`Take payment — ${money(invoice.dueCents, currency)} due`} onClose={onClose} wide testId="payment-dialog">
      <DialogForm
        form={form}
        onCancel={onClose}
        submit={{ label: taking === null ? 'Take payment' : `Take ${money(taking, currency)}`, testId: 'payment-submit', busyLabel: 'Taking…' }}
        onSubmit={async (input) => {
          const { changeCents } = await client.call('payments.take', input);
          useUi.getState().notify(changeCents ? `Paid. Give ${money(changeCents, currency)} change.` : 'Payment taken');
          onDone();
        }}
      >
        {storedValue > 0 && <p className="muted" data-testid="stored-value">Stored value available: {money(storedValue, currency)}</p>}
        {usablePoints > 0 && rate && (
          <p className="muted" data-testid="points-available">
            Points available: {usablePoints.toLocaleString()} (worth {money(loyalty.data?.valueCents ?? 0, currency)}; {rate.redeemPoints.toLocaleString()} points pay {money(rate.redeemCents, currency)}
            {rate.minimumRedeemPoints > 0 && `, at least ${rate.minimumRedeemPoints.toLocaleString()} at a time`})
          </p>
        )}
        {rows.fields.map((row, index) => {
          const errors = formState.errors.tenders?.[index];
          const current = values.tenders[index];
          const amount = inputToCents(current?.amountCents ?? '', currency);
          const handed = current?.tender === 'cash' && current.tenderedCents.trim() ? inputToCents(current.tenderedCents, currency) : null;
          return (
            <fieldset key={row.id} className="tender-row" data-testid={`tender-${index}`}>
              <legend className="sr-only">Tender {index + 1}</legend>
              <Field label="Tender" error={errors?.tender?.message}>
                <select {...register(`tenders.${index}.tender`)} data-testid={`tender-kind-${index}`}>
                  {tenderChoices.map((t) => (
                    <option key={t} value={t}>
                      {tenderLabels[t]}
                    </option>
                  ))}
                </select>
              </Field>
              {current?.tender === 'points' && (
                <PointsField
                  field={register(`tenders.${index}.points`)}
                  index={index}
                  error={errors?.points?.message}
                  pays={pointsValue(current.points)}
                  most={mostPoints(index)}
                  onUseMost={() => form.setValue(`tenders.${index}.points`, String(mostPoints(index)), { shouldValidate: formState.isSubmitted })}
                />
              )}
              {current && !paysItsOwnAmount(current.tender) && (
                <Field label="Amount" error={errors?.amountCents?.message}>
                  <input {...register(`tenders.${index}.amountCents`)} inputMode="decimal" className="input-money" data-testid={`tender-amount-${index}`} />
                </Field>
              )}
              {current?.tender === 'cash' && (
                <Field label="Handed over" error={errors?.tenderedCents?.message} hint={handed !== null && amount !== null && handed >= amount ? `Change ${money(handed - amount, currency)}` : undefined}>
                  <input {...register(`tenders.${index}.tenderedCents`)} inputMode="decimal" className="input-money" data-testid={`tender-handed-${index}`} />
                </Field>
              )}
              <PrepaidTenderFields
                tender={current?.tender}
                index={index}
                packages={openPackages}
                codeField={register(`tenders.${index}.giftCardCode`)}
                packageField={register(`tenders.${index}.patientPackageId`)}
                errors={errors}
              />
              {(current?.tender === 'card' || current?.tender === 'transfer') && (
                <Field label="Reference" error={errors?.reference?.message}>
                  <input {...register(`tenders.${index}.reference`)} maxLength={80} data-testid={`tender-reference-${index}`} />
                </Field>
              )}
              {rows.fields.length > 1 && (
                <button type="button" className="btn-icon" aria-label={`Remove tender ${index + 1}`} onClick={() => rows.remove(index)}>
                  ×
                </button>
              )}
            </fieldset>
          );
        })}
        <div className="actions actions-split">
          <button
            type="button"
            className="btn"
            disabled={left === null || left <= 0 || rows.fields.length >= 10}
            onClick={() => rows.append({ ...NO_EXTRAS, tender: 'cash', amountCents: centsToInput(Math.max(0, left ?? 0), currency), tenderedCents: '', reference: '' }, { focusName: `tenders.${rows.fields.length}.amountCents` })}
            data-testid="tender-add"
          >
            Split: add a tender
          </button>
          <span data-testid="payment-left">{byPackage ? 'The package pays the lines it covers' : left === null ? 'Check the amounts' : left > 0 ? `${money(left, currency)} left to pay` : left < 0 ? `${money(-left, currency)} more than due` : 'Pays in full'}</span>
        </div>
        {formState.errors.tenders?.message && <p className="field-error">{formState.errors.tenders.message}</p>}
      </DialogForm>
    </Dialog>
  );
}

/** How many points a tender uses, what they pay as typed, and a button for the most that can apply. */
function PointsField({ field, index, error, pays, most, onUseMost }: { field: UseFormRegisterReturn; index: number; error?: string; pays: number | null; most: number; onUseMost: () => void }) {
  const { currency } = useClinic();
  return (
    <>
      <Field label="Points" error={error} hint={pays === null ? `Up to ${most.toLocaleString()}` : `Pays ${money(pays, currency)}`}>
        <input {...field} inputMode="numeric" className="input-money" data-testid={`tender-points-${index}`} />
      </Field>
      {most > 0 && (
        <button type="button" className="btn btn-small" onClick={onUseMost} data-testid={`tender-points-most-${index}`}>
          Use {most.toLocaleString()}
        </button>
      )}
    </>
  );
}
