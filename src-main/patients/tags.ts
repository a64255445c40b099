import type { NotNull } from 'kysely';
import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';
import { loadPatient } from './row';

export const tagHandlers: HandlerMap<'patients.setTags' | 'tags.list' | 'tags.save'> = {
  'patients.setTags': async ({ patientId, tagIds }, ctx) => {
    const patient = await loadPatient(ctx, patientId);
    const unique = [...new Set(tagIds)];
    const known = unique.length ? await ctx.db.selectFrom('tag').select('id').where('id', 'in', unique).execute() : [];
    if (known.length !== unique.length) throw new LumenError('not_found', 'One of these tags does not exist.');
    const before = (await ctx.db.selectFrom('patientTag').select('tagId').where('patientId', '=', patientId).orderBy('tagId').execute()).map((r) => r.tagId);
    await ctx.db.deleteFrom('patientTag').where('patientId', '=', patientId).execute();
    if (unique.length) await ctx.db.insertInto('patientTag').values(unique.map((tagId) => ({ patientId, tagId }))).execute();
    ctx.audit({ action: 'update', entity: 'patient', entityId: patientId, summary: `Changed the tags of ${patient.number}`, details: { tags: { from: before, to: unique.sort((a, b) => a - b) } } });
    return { ok: true as const };
  },

  'tags.list': (_input, ctx) =>
    ctx.db
      .selectFrom('tag as t')
      .select((eb) => ['t.id', 't.name', 't.color', eb.selectFrom('patientTag as pt').select(eb.fn.countAll<number>().as('n')).whereRef('pt.tagId', '=', 't.id').as('patientCount')])
      .$narrowType<{ patientCount: NotNull }>()
      .orderBy('t.name')
      .execute(),

  'tags.save': async ({ id, name, color }, ctx) => {
    await assertNameFree(ctx, 'tag', name, id);
    return saveRow(ctx, 'tag', 'tag', id, { name, color });
  },
};
