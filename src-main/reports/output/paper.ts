import type { HandlerMap } from '../../core/registry';
import type { Sqlite } from '../../core/db';
import type { PaperSize } from '../../core/schema-reports';
import { defaultPaperSize } from './pdf';

/** The clinic's chosen paper size, else its country's. */
export function clinicPaper(sqlite: Sqlite, country: string): { paperSize: PaperSize; isDefault: boolean } {
  const chosen = sqlite.prepare('SELECT paperSize FROM reportSettings WHERE id = 1').pluck().get() as PaperSize | undefined;
  return chosen ? { paperSize: chosen, isDefault: false } : { paperSize: defaultPaperSize(country), isDefault: true };
}

export const paperHandlers: HandlerMap<'reports.outputSettings' | 'reports.saveOutputSettings'> = {
  'reports.outputSettings': (_input, ctx) => clinicPaper(ctx.sqlite, ctx.clinic().country),
  'reports.saveOutputSettings': async ({ paperSize }, ctx) => {
    const before = clinicPaper(ctx.sqlite, ctx.clinic().country);
    const row = { id: 1, paperSize, updatedAt: ctx.now.toISOString(), updatedBy: ctx.requireSession().staffId };
    await ctx.db.insertInto('reportSettings').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ paperSize, updatedAt: row.updatedAt, updatedBy: row.updatedBy })).execute();
    ctx.audit({ action: 'update', entity: 'reportSettings', entityId: 1, summary: `Report PDFs print on ${paperSize}`, details: { before: before.paperSize, after: paperSize } });
    return { paperSize, isDefault: false };
  },
};
