import { useMemo, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Slot } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, ErrorBox, Field, Spinner } from '../../lib/ui';
import { bookingDefaults, bookingResolver, completeSegments, type BookingParsed, type BookingPrefill, type BookingValues } from './bookingForm';
import { BookingSegments } from './BookingSegments';
import { LiveConflicts, useConflictGuard } from './Conflicts';
import { NextAvailable } from './NextAvailable';
import { PatientChoice } from './PatientChoice';
import { useRefs, type Refs } from './refs';
import { SeriesOptions, type Occurrences } from './SeriesOptions';
import { localDate, MINUTE_MS } from '../../../src-shared/time';
import { clockLabel, rangeLabel, whenLabel } from './time';

export type { BookingPrefill };

/** Book a visit: patient, services in sequence, provider/room per service, a time (typed or "next available"), optional repeat. */
export function BookingDialog({ prefill, onClose, onBooked }: { prefill: BookingPrefill; onClose: () => void; onBooked: (date: string) => void }) {
  const { refs, error } = useRefs();
  return (
    <Dialog title="New booking" onClose={onClose} wide testId="booking-dialog">
      {error !== undefined ? <ErrorBox error={error} /> : !refs ? <Spinner /> : <BookingForm refs={refs} prefill={prefill} onClose={onClose} onBooked={onBooked} />}
    </Dialog>
  );
}

function BookingForm({ refs, prefill, onClose, onBooked }: { refs: Refs; prefill: BookingPrefill; onClose: () => void; onBooked: (date: string) => void }) {
  const { timeZone } = useClinic();
  const resolver = useMemo(() => bookingResolver(timeZone), [timeZone]);
  const form = useForm<BookingValues, unknown, BookingParsed>({ resolver, defaultValues: bookingDefaults(refs, prefill) });
  const { register, setValue, formState } = form;
  const values = form.watch();
  const segments = completeSegments(values, timeZone);
  // The series preview belongs to the visits it was shown for: any change to them asks for a new one.
  const [shown, setShown] = useState<{ key: string; occurrences: Occurrences } | null>(null);
  const seriesKey = JSON.stringify([values.patient?.id, segments, values.rule]);
  const preview = values.repeat && shown?.key === seriesKey ? shown.occurrences : null;
  const { guard, dialog } = useConflictGuard();

  const clearSlot = () => setValue('slotStarts', null);
  const pickSlot = (slot: Slot) => {
    setValue('date', localDate(slot.startsAt, timeZone));
    setValue('time', clockLabel(slot.startsAt, timeZone));
    setValue(
      'segments',
      slot.segments.map((g) => ({ serviceId: g.serviceId, staffId: g.staffId, roomId: g.roomId, deviceId: g.deviceId, durationMinutes: g.durationMinutes })),
    );
    setValue('slotStarts', slot.segments.map((g) => g.startsAt));
  };

  const book = (parsed: BookingParsed) =>
    guard(async (override) => {
      const name = values.patient?.name ?? '';
      if ('rule' in parsed) {
        const r = await client.call('series.create', { ...parsed, override });
        useUi.getState().notify(`Booked ${r.appointmentIds.length} appointments for ${name}`);
      } else {
        await client.call('appointments.book', { ...parsed, override });
        useUi.getState().notify(`Booked ${name}, ${whenLabel(parsed.segments[0].startsAt, timeZone)}`);
      }
      onBooked(localDate(parsed.segments[0].startsAt, timeZone));
      onClose();
    });

  const last = values.segments.at(-1);
  return (
    <FormProvider {...form}>
      <DialogForm
        form={form}
        onSubmit={book}
        refusals={{ known: ['notes'] }}
        onCancel={onClose}
        className="form booking"
        submit={{
          label: values.repeat ? `Book ${(values.rule.count || 0) - values.skipIndexes.length} visits` : 'Book',
          busyLabel: 'Booking…',
          testId: 'booking-submit',
          disabled: !values.patient || !segments || (values.repeat && !preview),
          title: values.repeat && !preview ? 'Show every visit first' : undefined,
        }}
      >
        <PatientChoice value={values.patient} onChange={(p) => setValue('patient', p)} errors={formState.errors} testId="booking-patient" />
        <BookingSegments refs={refs} />
        <div className="row row-tight">
          <Field label="Date" error={formState.errors.date?.message}>
            <input type="date" {...register('date', { onChange: clearSlot })} data-testid="booking-date" />
          </Field>
          <Field label="Starts at" hint={`Clinic time (${timeZone})`} error={formState.errors.time?.message}>
            <input type="time" step={300} {...register('time', { onChange: clearSlot })} data-testid="booking-time" />
          </Field>
          {segments && last && <span className="muted booking-span">{rangeLabel(segments[0].startsAt, Date.parse(segments.at(-1)!.startsAt) + last.durationMinutes * MINUTE_MS, timeZone)}</span>}
        </div>
        <NextAvailable
          serviceIds={values.segments.map((s) => s.serviceId).filter((id): id is number => id !== null)}
          staffId={values.segments[0]?.staffId ?? null}
          refs={refs}
          date={values.date}
          onPick={pickSlot}
        />
        {!values.repeat && <LiveConflicts segments={segments} />}
        <SeriesOptions segments={segments} preview={preview} onPreview={(occurrences) => setShown({ key: seriesKey, occurrences })} />
        <Field label="Front-desk notes" error={formState.errors.notes?.message}>
          <textarea rows={2} maxLength={2000} {...register('notes')} data-testid="booking-notes" />
        </Field>
      </DialogForm>
      {dialog}
    </FormProvider>
  );
}
