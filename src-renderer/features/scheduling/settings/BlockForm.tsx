import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { BlockInput, blockKinds, type Block } from '../../../../src-shared/contract/scheduling';
import { client } from '../../../lib/client';
import { contractResolver, submitWith } from '../../../lib/forms';
import { useClinic } from '../../../lib/store';
import { Field, SubmitRow } from '../../../lib/ui';
import type { Refs } from '../refs';
import { localInstant, minutesOf } from '../../../../src-shared/time';

export const blockKindLabels: Record<Block['kind'], string> = { rest: 'Rest', meeting: 'Meeting', blocked: 'Blocked', closure: 'Clinic closed', maintenance: 'Maintenance' };

/** A block as the form holds it: whom it is for ("clinic", "staff:3", "room:2", "device:1") and clinic-local dates and times. */
interface BlockValues {
  target: string;
  startsAt: { date: string; time: string };
  endsAt: { date: string; time: string };
  kind: Block['kind'];
  reason: string;
}

function toInput({ target, startsAt, endsAt, ...v }: BlockValues, timeZone: string) {
  const [type, id] = target.split(':');
  const instant = (at: { date: string; time: string }) => (at.date && at.time ? new Date(localInstant(at.date, minutesOf(at.time), timeZone)).toISOString() : undefined);
  return {
    ...v,
    staffId: type === 'staff' ? Number(id) : null,
    roomId: type === 'room' ? Number(id) : null,
    deviceId: type === 'device' ? Number(id) : null,
    startsAt: instant(startsAt),
    endsAt: instant(endsAt),
  };
}

/** Add a block: for whom, what kind, from and until when (the until date follows a later from date), why. */
export function BlockForm({ refs, today, onSaved }: { refs?: Refs; today: string; onSaved: () => void }) {
  const { timeZone } = useClinic();
  const resolver = useMemo(() => contractResolver(BlockInput, (v: BlockValues) => toInput(v, timeZone)), [timeZone]);
  const form = useForm<BlockValues, unknown, z.output<typeof BlockInput>>({
    resolver,
    defaultValues: { target: 'clinic', startsAt: { date: today, time: '09:00' }, endsAt: { date: today, time: '18:00' }, kind: 'closure', reason: '' },
  });
  const { register, getValues, setValue, formState } = form;
  const e = formState.errors;
  const save = submitWith(
    form,
    async (input) => {
      await client.call('scheduling.saveBlock', input);
      onSaved();
    },
    { known: ['kind', 'startsAt', 'endsAt', 'reason'] },
  );
  const followFromDate = (event: { target: { value: string } }) => {
    if (event.target.value > getValues('endsAt.date')) setValue('endsAt.date', event.target.value);
  };
  return (
    <form className="form" noValidate onSubmit={save}>
      <h2>Add a block</h2>
      <div className="row row-tight">
        <Field label="For">
          <select {...register('target')} data-testid="block-target">
            <option value="clinic">Whole clinic</option>
            {refs?.staff.map((s) => (
              <option key={`s${s.id}`} value={`staff:${s.id}`}>
                {s.displayName}
              </option>
            ))}
            {refs?.rooms.map((r) => (
              <option key={`r${r.id}`} value={`room:${r.id}`}>
                Room: {r.name}
              </option>
            ))}
            {refs?.devices.map((d) => (
              <option key={`d${d.id}`} value={`device:${d.id}`}>
                Device: {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Kind" error={e.kind?.message}>
          <select {...register('kind')} data-testid="block-kind">
            {blockKinds.map((k) => (
              <option key={k} value={k}>
                {blockKindLabels[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="From" error={e.startsAt?.message}>
          <span className="inline">
            <input type="date" {...register('startsAt.date', { onChange: followFromDate })} data-testid="block-date" />
            <input type="time" {...register('startsAt.time')} data-testid="block-from" />
          </span>
        </Field>
        <Field label="Until" error={e.endsAt?.message}>
          <span className="inline">
            <input type="date" {...register('endsAt.date')} data-testid="block-to-date" />
            <input type="time" {...register('endsAt.time')} data-testid="block-to" />
          </span>
        </Field>
        <Field label="Reason" error={e.reason?.message}>
          <input maxLength={200} {...register('reason')} data-testid="block-reason" />
        </Field>
      </div>
      <SubmitRow error={e.root?.server?.message} busy={formState.isSubmitting} testId="block-save">
        Add block
      </SubmitRow>
    </form>
  );
}
