import type { Device, Room, ServiceRules } from '../../src-shared/contract/scheduling';
import { fieldError, LumenError } from '../../src-shared/errors';
import { minutesOf } from '../../src-shared/time';
import { changedFields } from '../core/audit';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';
import type { BlockRow, ExceptionRow, HoursRow } from './availability';
import { LONGEST_BLOCK_DAYS, LONGEST_BLOCK_MS } from './queries';
import { Refs, refsOf } from './refs';

function requireStaff(refs: Refs, staffId: number, field = 'staffId'): string {
  const staff = refs.staff.get(staffId);
  if (!staff?.active) throw fieldError('not_found', 'No such provider (or they no longer work here).', field);
  return staff.name;
}

function removeRow(ctx: HandlerContext, table: 'staffException' | 'block', label: string, id: number): { ok: true } {
  const before = ctx.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!before) throw new LumenError('not_found', `No such ${label}.`);
  ctx.sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
  ctx.audit({ action: 'update', entity: table, entityId: id, summary: `Removed ${label} ${String(before.reason || before.kind)}`, details: { before, after: null } });
  return { ok: true };
}

export const resourceHandlers: HandlerMap<
  | 'rooms.list'
  | 'rooms.save'
  | 'devices.list'
  | 'devices.save'
  | 'scheduling.serviceRules'
  | 'scheduling.setServiceRules'
  | 'scheduling.hours'
  | 'scheduling.setHours'
  | 'scheduling.exceptions'
  | 'scheduling.saveException'
  | 'scheduling.removeException'
  | 'scheduling.blocks'
  | 'scheduling.saveBlock'
  | 'scheduling.removeBlock'
> = {
  'rooms.list': ({ includeInactive }, ctx): Room[] => [...refsOf(ctx).room.values()].filter((r) => includeInactive || r.active),

  'rooms.save': (input, ctx) => {
    assertNameFree(ctx, 'room', input.name, input.id);
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'room', 'room', id, { ...rest, active: flag(active) });
  },

  'devices.list': ({ includeInactive }, ctx): Device[] => [...refsOf(ctx).device.values()].filter((d) => includeInactive || d.active),

  'devices.save': (input, ctx) => {
    const refs = new Refs(ctx.sqlite);
    input.roomIds.forEach((roomId, i) => {
      if (!refs.room.has(roomId)) throw fieldError('not_found', 'No such room.', `roomIds.${i}`);
    });
    assertNameFree(ctx, 'device', input.name, input.id);
    const { id, active, roomIds, ...rest } = input;
    const before = id === undefined ? [] : (refs.device.get(id)?.roomIds ?? []);
    const saved = saveRow(ctx, 'device', 'device', id, { ...rest, active: flag(active) });
    const after = [...new Set(roomIds)].sort((a, b) => a - b);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      ctx.sqlite.prepare('DELETE FROM deviceRoom WHERE deviceId = ?').run(saved.id);
      const link = ctx.sqlite.prepare('INSERT INTO deviceRoom (deviceId, roomId) VALUES (?, ?)');
      for (const roomId of after) link.run(saved.id, roomId);
      ctx.audit({ action: 'update', entity: 'device', entityId: saved.id, summary: `Changed the rooms ${input.name} can be used in`, details: { roomIds: { from: before, to: after } } });
    }
    return saved;
  },

  'scheduling.serviceRules': (_input, ctx): ServiceRules[] => {
    const refs = new Refs(ctx.sqlite);
    return [...refs.service.values()]
      .filter((s) => s.active)
      .map((s) => ({ serviceId: s.id, providerIds: refs.listedProviders(s.id), roomKind: s.roomKind, deviceKind: s.deviceKind, prepInstructions: s.prepInstructions }));
  },

  'scheduling.setServiceRules': (input, ctx) => {
    const refs = new Refs(ctx.sqlite);
    const service = refs.service.get(input.serviceId);
    if (!service) throw fieldError('not_found', 'No such service.', 'serviceId');
    const providerIds = [...new Set(input.providerIds)].sort((a, b) => a - b);
    providerIds.forEach((id) => requireStaff(refs, id, `providerIds.${input.providerIds.indexOf(id)}`));
    const before = { providerIds: refs.listedProviders(service.id), roomKind: service.roomKind, deviceKind: service.deviceKind, prepInstructions: service.prepInstructions };
    const after = { providerIds, roomKind: input.roomKind, deviceKind: input.deviceKind, prepInstructions: input.prepInstructions };
    ctx.sqlite.prepare('UPDATE service SET roomKind = ?, deviceKind = ?, prepInstructions = ? WHERE id = ?').run(input.roomKind, input.deviceKind, input.prepInstructions, service.id);
    ctx.sqlite.prepare('DELETE FROM serviceProvider WHERE serviceId = ?').run(service.id);
    const insert = ctx.sqlite.prepare('INSERT INTO serviceProvider (serviceId, staffId) VALUES (?, ?)');
    for (const staffId of providerIds) insert.run(service.id, staffId);
    ctx.audit({ action: 'update', entity: 'service', entityId: service.id, summary: `Changed who performs ${service.name} and what it needs`, details: changedFields(before, after) });
    return { ok: true };
  },

  'scheduling.hours': ({ staffId }, ctx) => {
    if (!new Refs(ctx.sqlite).staff.has(staffId)) throw fieldError('not_found', 'No such provider.', 'staffId');
    return (ctx.sqlite.prepare('SELECT weekday, startsAt, endsAt, kind FROM staffHours WHERE staffId = ? ORDER BY weekday, kind DESC, startsAt').all(staffId) as Omit<HoursRow, 'staffId'>[]).map((h) => ({ ...h }));
  },

  'scheduling.setHours': ({ staffId, intervals }, ctx) => {
    const name = requireStaff(new Refs(ctx.sqlite), staffId);
    intervals.forEach((h, i) => {
      if (minutesOf(h.startsAt) >= minutesOf(h.endsAt)) throw fieldError('invalid_input', 'Ends before it starts.', `intervals.${i}.endsAt`);
      const sameDay = intervals.filter((o, j) => j !== i && o.weekday === h.weekday && o.kind === 'work');
      if (h.kind === 'work' && sameDay.some((o) => o.startsAt < h.endsAt && o.endsAt > h.startsAt)) throw fieldError('invalid_input', 'Overlaps other working hours that day.', `intervals.${i}.startsAt`);
      if (h.kind === 'rest' && !sameDay.some((o) => o.startsAt <= h.startsAt && h.endsAt <= o.endsAt)) throw fieldError('invalid_input', 'A rest must lie inside working hours.', `intervals.${i}.startsAt`);
    });
    const before = ctx.sqlite.prepare('SELECT weekday, startsAt, endsAt, kind FROM staffHours WHERE staffId = ? ORDER BY weekday, startsAt').all(staffId);
    ctx.sqlite.prepare('DELETE FROM staffHours WHERE staffId = ?').run(staffId);
    const insert = ctx.sqlite.prepare('INSERT INTO staffHours (staffId, weekday, startsAt, endsAt, kind) VALUES (?, ?, ?, ?, ?)');
    for (const h of intervals) insert.run(staffId, h.weekday, h.startsAt, h.endsAt, h.kind);
    ctx.audit({ action: 'update', entity: 'staffHours', entityId: staffId, summary: `Changed the working hours of ${name}`, details: { before, after: intervals } });
    return { ok: true };
  },

  'scheduling.exceptions': ({ from, to, staffId }, ctx) =>
    ctx.sqlite
      .prepare('SELECT id, staffId, date, kind, startsAt, endsAt, reason FROM staffException WHERE date >= ? AND date <= ? AND (? IS NULL OR staffId = ?) ORDER BY date, staffId')
      .all(from, to, staffId ?? null, staffId ?? null) as ExceptionRow[],

  'scheduling.saveException': (input, ctx) => {
    const name = requireStaff(new Refs(ctx.sqlite), input.staffId);
    const hours = input.kind === 'hours';
    if (hours && (!input.startsAt || !input.endsAt)) throw fieldError('invalid_input', 'Give the hours of that day.', input.startsAt ? 'endsAt' : 'startsAt');
    if (hours && minutesOf(input.startsAt!) >= minutesOf(input.endsAt!)) throw fieldError('invalid_input', 'Ends before it starts.', 'endsAt');
    const clash = ctx.sqlite.prepare('SELECT id FROM staffException WHERE staffId = ? AND date = ? AND id IS NOT ?').get(input.staffId, input.date, input.id ?? null);
    if (clash) throw fieldError('invalid_input', `${name} already has an exception on ${input.date}; change that one.`, 'date');
    const { id, ...values } = { ...input, startsAt: hours ? input.startsAt! : null, endsAt: hours ? input.endsAt! : null };
    if (id === undefined) {
      const newId = Number(ctx.sqlite.prepare('INSERT INTO staffException (staffId, date, kind, startsAt, endsAt, reason) VALUES (@staffId, @date, @kind, @startsAt, @endsAt, @reason)').run(values).lastInsertRowid);
      ctx.audit({ action: 'create', entity: 'staffException', entityId: newId, summary: `${name}: ${input.kind === 'off' ? 'off' : `${input.startsAt}–${input.endsAt}`} on ${input.date}`, details: { after: values } });
      return { id: newId };
    }
    const before = ctx.sqlite.prepare('SELECT staffId, date, kind, startsAt, endsAt, reason FROM staffException WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!before) throw new LumenError('not_found', 'No such exception.');
    ctx.sqlite.prepare('UPDATE staffException SET staffId = @staffId, date = @date, kind = @kind, startsAt = @startsAt, endsAt = @endsAt, reason = @reason WHERE id = @id').run({ ...values, id });
    ctx.audit({ action: 'update', entity: 'staffException', entityId: id, summary: `Changed ${name}’s exception on ${input.date}`, details: changedFields(before, values) });
    return { id };
  },

  'scheduling.removeException': ({ id }, ctx) => removeRow(ctx, 'staffException', 'exception', id),

  'scheduling.blocks': ({ from, to }, ctx) => {
    if (Date.parse(to) <= Date.parse(from)) throw fieldError('invalid_input', 'The range must end after it starts.', 'to');
    return ctx.sqlite
      .prepare('SELECT id, staffId, roomId, deviceId, startsAt, endsAt, kind, reason FROM block WHERE startsAt < ? AND endsAt > ? ORDER BY startsAt')
      .all(new Date(to).toISOString(), new Date(from).toISOString()) as BlockRow[];
  },

  'scheduling.saveBlock': (input, ctx) => {
    const refs = new Refs(ctx.sqlite);
    const start = Date.parse(input.startsAt);
    const end = Date.parse(input.endsAt);
    if (end <= start) throw fieldError('invalid_input', 'The block must end after it starts.', 'endsAt');
    if (end - start > LONGEST_BLOCK_MS) throw fieldError('invalid_input', `A block can be at most ${LONGEST_BLOCK_DAYS} days; add another for longer.`, 'endsAt');
    if (input.staffId !== null) requireStaff(refs, input.staffId);
    if (input.roomId !== null && !refs.room.has(input.roomId)) throw fieldError('not_found', 'No such room.', 'roomId');
    if (input.deviceId !== null && !refs.device.has(input.deviceId)) throw fieldError('not_found', 'No such device.', 'deviceId');
    const whole = input.staffId === null && input.roomId === null && input.deviceId === null;
    if (whole && input.kind !== 'closure') throw fieldError('invalid_input', 'Choose a provider, room or device, or make it a clinic closure.', 'kind');
    const { id, ...rest } = input;
    const values = { ...rest, startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
    const what = whole ? 'the clinic' : [input.staffId && refs.staff.get(input.staffId)?.name, input.roomId && refs.room.get(input.roomId)?.name, input.deviceId && refs.device.get(input.deviceId)?.name].filter(Boolean).join(', ');
    if (id === undefined) {
      const newId = Number(
        ctx.sqlite
          .prepare('INSERT INTO block (staffId, roomId, deviceId, startsAt, endsAt, kind, reason, createdBy, createdAt) VALUES (@staffId, @roomId, @deviceId, @startsAt, @endsAt, @kind, @reason, @createdBy, @now)')
          .run({ ...values, createdBy: ctx.requireSession().staffId, now: ctx.now.toISOString() }).lastInsertRowid,
      );
      ctx.audit({ action: 'create', entity: 'block', entityId: newId, summary: `Blocked ${what} (${input.kind}) ${values.startsAt} – ${values.endsAt}`, details: { after: values } });
      return { id: newId };
    }
    const before = ctx.sqlite.prepare('SELECT staffId, roomId, deviceId, startsAt, endsAt, kind, reason FROM block WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!before) throw new LumenError('not_found', 'No such block.');
    ctx.sqlite.prepare('UPDATE block SET staffId = @staffId, roomId = @roomId, deviceId = @deviceId, startsAt = @startsAt, endsAt = @endsAt, kind = @kind, reason = @reason WHERE id = @id').run({ ...values, id });
    ctx.audit({ action: 'update', entity: 'block', entityId: id, summary: `Changed the block of ${what}`, details: changedFields(before, values) });
    return { id };
  },

  'scheduling.removeBlock': ({ id }, ctx) => removeRow(ctx, 'block', 'block', id),
};
