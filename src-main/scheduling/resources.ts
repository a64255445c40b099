import type { Device, Room, ServiceRules } from '../../src-shared/contract/scheduling';
import { fieldError, LumenError } from '../../src-shared/errors';
import { isoOf, minutesOf } from '../../src-shared/time';
import { changedFields } from '../core/audit';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { assertNameFree, saveRow, withNewIds } from '../core/save-row';
import { LONGEST_BLOCK_DAYS, LONGEST_BLOCK_MS } from './queries';
import { type Refs, refsOf } from './refs';

function requireStaff(refs: Refs, staffId: number, field = 'staffId'): string {
  const staff = refs.staff.get(staffId);
  if (!staff?.active) throw fieldError('not_found', 'No such provider (or they no longer work here).', field);
  return staff.name;
}

async function removeRow(ctx: HandlerContext, table: 'staffException' | 'block', label: string, id: number): Promise<{ ok: true }> {
  const before = await ctx.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new LumenError('not_found', `No such ${label}.`);
  await ctx.db.deleteFrom(table).where('id', '=', id).execute();
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
  'rooms.list': async ({ includeInactive }, ctx): Promise<Room[]> => [...(await refsOf(ctx)).room.values()].filter((r) => includeInactive || r.active),

  'rooms.save': async (input, ctx) => {
    await assertNameFree(ctx, 'room', input.name, input.id);
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'room', 'room', id, { ...rest, active: flag(active) });
  },

  'devices.list': async ({ includeInactive }, ctx): Promise<Device[]> => [...(await refsOf(ctx)).device.values()].filter((d) => includeInactive || d.active),

  'devices.save': async (input, ctx) => {
    const refs = await refsOf(ctx);
    input.roomIds.forEach((roomId, i) => {
      if (!refs.room.has(roomId)) throw fieldError('not_found', 'No such room.', `roomIds.${i}`);
    });
    await assertNameFree(ctx, 'device', input.name, input.id);
    const { id, active, roomIds, ...rest } = input;
    const before = id === undefined ? [] : (refs.device.get(id)?.roomIds ?? []);
    const saved = await saveRow(ctx, 'device', 'device', id, { ...rest, active: flag(active) });
    const after = [...new Set(roomIds)].sort((a, b) => a - b);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await ctx.db.deleteFrom('deviceRoom').where('deviceId', '=', saved.id).execute();
      if (after.length) await ctx.db.insertInto('deviceRoom').values(after.map((roomId) => ({ deviceId: saved.id, roomId }))).execute();
      ctx.audit({ action: 'update', entity: 'device', entityId: saved.id, summary: `Changed the rooms ${input.name} can be used in`, details: { roomIds: { from: before, to: after } } });
    }
    return saved;
  },

  'scheduling.serviceRules': async (_input, ctx): Promise<ServiceRules[]> => {
    const refs = await refsOf(ctx);
    return [...refs.service.values()]
      .filter((s) => s.active)
      .map((s) => ({ serviceId: s.id, providerIds: refs.listedProviders(s.id), roomKind: s.roomKind, deviceKind: s.deviceKind, prepInstructions: s.prepInstructions }));
  },

  'scheduling.setServiceRules': async (input, ctx) => {
    const refs = await refsOf(ctx);
    const service = refs.service.get(input.serviceId);
    if (!service) throw fieldError('not_found', 'No such service.', 'serviceId');
    const providerIds = [...new Set(input.providerIds)].sort((a, b) => a - b);
    providerIds.forEach((id) => requireStaff(refs, id, `providerIds.${input.providerIds.indexOf(id)}`));
    const before = { providerIds: refs.listedProviders(service.id), roomKind: service.roomKind, deviceKind: service.deviceKind, prepInstructions: service.prepInstructions };
    const after = { providerIds, roomKind: input.roomKind, deviceKind: input.deviceKind, prepInstructions: input.prepInstructions };
    await ctx.db.updateTable('service').set({ roomKind: input.roomKind, deviceKind: input.deviceKind, prepInstructions: input.prepInstructions }).where('id', '=', service.id).execute();
    await ctx.db.deleteFrom('serviceProvider').where('serviceId', '=', service.id).execute();
    if (providerIds.length) await ctx.db.insertInto('serviceProvider').values(providerIds.map((staffId) => ({ serviceId: service.id, staffId }))).execute();
    ctx.audit({ action: 'update', entity: 'service', entityId: service.id, summary: `Changed who performs ${service.name} and what it needs`, details: changedFields(before, after) });
    return { ok: true };
  },

  'scheduling.hours': async ({ staffId }, ctx) => {
    if (!(await refsOf(ctx)).staff.has(staffId)) throw fieldError('not_found', 'No such provider.', 'staffId');
    return ctx.db.selectFrom('staffHours').select(['weekday', 'startsAt', 'endsAt', 'kind']).where('staffId', '=', staffId).orderBy('weekday').orderBy('kind', 'desc').orderBy('startsAt').execute();
  },

  'scheduling.setHours': async ({ staffId, intervals }, ctx) => {
    const name = requireStaff(await refsOf(ctx), staffId);
    intervals.forEach((h, i) => {
      if (minutesOf(h.startsAt) >= minutesOf(h.endsAt)) throw fieldError('invalid_input', 'Ends before it starts.', `intervals.${i}.endsAt`);
      const sameDay = intervals.filter((o, j) => j !== i && o.weekday === h.weekday && o.kind === 'work');
      if (h.kind === 'work' && sameDay.some((o) => o.startsAt < h.endsAt && o.endsAt > h.startsAt)) throw fieldError('invalid_input', 'Overlaps other working hours that day.', `intervals.${i}.startsAt`);
      if (h.kind === 'rest' && !sameDay.some((o) => o.startsAt <= h.startsAt && h.endsAt <= o.endsAt)) throw fieldError('invalid_input', 'A rest must lie inside working hours.', `intervals.${i}.startsAt`);
    });
    const before = await ctx.db.selectFrom('staffHours').select(['weekday', 'startsAt', 'endsAt', 'kind']).where('staffId', '=', staffId).orderBy('weekday').orderBy('startsAt').execute();
    await ctx.db.deleteFrom('staffHours').where('staffId', '=', staffId).execute();
    if (intervals.length) await ctx.db.insertInto('staffHours').values(withNewIds(ctx, 'staffHours', intervals.map(({ weekday, startsAt, endsAt, kind }) => ({ staffId, weekday, startsAt, endsAt, kind })))).execute();
    ctx.audit({ action: 'update', entity: 'staffHours', entityId: staffId, summary: `Changed the working hours of ${name}`, details: { before, after: intervals } });
    return { ok: true };
  },

  'scheduling.exceptions': ({ from, to, staffId }, ctx) =>
    ctx.db
      .selectFrom('staffException')
      .select(['id', 'staffId', 'date', 'kind', 'startsAt', 'endsAt', 'reason'])
      .where('date', '>=', from)
      .where('date', '<=', to)
      .$if(staffId !== undefined, (query) => query.where('staffId', '=', staffId!))
      .orderBy('date')
      .orderBy('staffId')
      .execute(),

  'scheduling.saveException': async (input, ctx) => {
    const name = requireStaff(await refsOf(ctx), input.staffId);
    const hours = input.kind === 'hours';
    if (hours && (!input.startsAt || !input.endsAt)) throw fieldError('invalid_input', 'Give the hours of that day.', input.startsAt ? 'endsAt' : 'startsAt');
    if (hours && minutesOf(input.startsAt!) >= minutesOf(input.endsAt!)) throw fieldError('invalid_input', 'Ends before it starts.', 'endsAt');
    const clash = await ctx.db
      .selectFrom('staffException')
      .select('id')
      .where('staffId', '=', input.staffId)
      .where('date', '=', input.date)
      .where('id', 'is not', input.id ?? null)
      .executeTakeFirst();
    if (clash) throw fieldError('invalid_input', `${name} already has an exception on ${input.date}; change that one.`, 'date');
    const { id, ...values } = { ...input, startsAt: hours ? input.startsAt! : null, endsAt: hours ? input.endsAt! : null };
    if (id === undefined) {
      const newId = ctx.newId('staffException');
      await ctx.db.insertInto('staffException').values({ id: newId, ...values }).execute();
      ctx.audit({ action: 'create', entity: 'staffException', entityId: newId, summary: `${name}: ${input.kind === 'off' ? 'off' : `${input.startsAt}–${input.endsAt}`} on ${input.date}`, details: { after: values } });
      return { id: newId };
    }
    const before = await ctx.db.selectFrom('staffException').select(['staffId', 'date', 'kind', 'startsAt', 'endsAt', 'reason']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new LumenError('not_found', 'No such exception.');
    await ctx.db.updateTable('staffException').set(values).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'staffException', entityId: id, summary: `Changed ${name}’s exception on ${input.date}`, details: changedFields(before, values) });
    return { id };
  },

  'scheduling.removeException': ({ id }, ctx) => removeRow(ctx, 'staffException', 'exception', id),

  'scheduling.blocks': ({ from, to }, ctx) => {
    if (Date.parse(to) <= Date.parse(from)) throw fieldError('invalid_input', 'The range must end after it starts.', 'to');
    return ctx.db
      .selectFrom('block')
      .select(['id', 'staffId', 'roomId', 'deviceId', 'startsAt', 'endsAt', 'kind', 'reason'])
      .where('startsAt', '<', new Date(to).toISOString())
      .where('endsAt', '>', new Date(from).toISOString())
      .orderBy('startsAt')
      .execute();
  },

  'scheduling.saveBlock': async (input, ctx) => {
    const refs = await refsOf(ctx);
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
    const values = { ...rest, startsAt: isoOf(start), endsAt: isoOf(end) };
    const what = whole ? 'the clinic' : [input.staffId && refs.staff.get(input.staffId)?.name, input.roomId && refs.room.get(input.roomId)?.name, input.deviceId && refs.device.get(input.deviceId)?.name].filter(Boolean).join(', ');
    if (id === undefined) {
      const newId = ctx.newId('block');
      await ctx.db
        .insertInto('block')
        .values({ ...values, id: newId, createdBy: ctx.requireSession().staffId, createdAt: ctx.now.toISOString() })
        .execute();
      ctx.audit({ action: 'create', entity: 'block', entityId: newId, summary: `Blocked ${what} (${input.kind}) ${values.startsAt} – ${values.endsAt}`, details: { after: values } });
      return { id: newId };
    }
    const before = await ctx.db.selectFrom('block').select(['staffId', 'roomId', 'deviceId', 'startsAt', 'endsAt', 'kind', 'reason']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new LumenError('not_found', 'No such block.');
    await ctx.db.updateTable('block').set(values).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'block', entityId: id, summary: `Changed the block of ${what}`, details: changedFields(before, values) });
    return { id };
  },

  'scheduling.removeBlock': ({ id }, ctx) => removeRow(ctx, 'block', 'block', id),
};
