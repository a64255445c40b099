import type { ImportKind, ImportOptions, onMatchChoices, Report, RowResult, Totals } from '../../src-shared/contract/imports';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { loadImportFile, tableOf } from './files';
import { importVisit, VisitLookups } from './appointments';
import { Journal } from './journal';
import { type PlannedRow, planRows } from './plan';
import { endImportProgress, importProgress, nextTurn, ROWS_PER_TURN, setImportProgress } from './progress';
import { detect, mappedColumns, readRow, type RowValues, settleOptions } from './values';
import { addBalances, addClinical, createPatient, mergeIntoPatient, type Writer } from './write';

type OnMatch = (typeof onMatchChoices)[number];

interface Selection {
  fileId: string;
  kind: ImportKind;
  mapping: (string | null)[];
  options: ImportOptions;
}

/** The file's rows read with the mapping and options, each with its outcome. */
async function plan(ctx: HandlerContext, selection: Selection, onProgress?: (done: number, total: number) => void) {
  const file = loadImportFile(ctx.runtime, selection.fileId);
  const table = await tableOf(ctx.runtime, file, selection.options.sheet);
  const columns = mappedColumns(selection.kind, table.header, selection.mapping);
  const settled = settleOptions(table, columns, selection.options, ctx.clinic().country);
  const rows = await planRows(ctx, selection.kind, table, columns, settled, onProgress);
  return { file, table, columns, settled, rows };
}

/**
 * The preview's plan, kept while the wizard pages and filters it: planning 50,000 rows takes seconds. One plan is
 * kept, and only until the next write (the runtime's memos go then), since outcomes depend on the clinic's records.
 */
function keptPlan(ctx: HandlerContext, selection: Selection): ReturnType<typeof plan> {
  const key = JSON.stringify(selection);
  const kept = ctx.runtime.memo('imports.preview', () => ({ key: '', plan: null as ReturnType<typeof plan> | null }));
  if (kept.key !== key || !kept.plan) Object.assign(kept, { key, plan: plan(ctx, selection) });
  return kept.plan!;
}

function totalsOf(rows: readonly { outcome: PlannedRow['outcome'] }[]): Totals {
  const totals: Totals = { create: 0, match: 0, skip: 0, already: 0 };
  for (const row of rows) totals[row.outcome]++;
  return totals;
}

const resultOf = (row: PlannedRow, merged: boolean | null = null): RowResult => ({
  line: row.line,
  outcome: row.outcome,
  patient: row.patient,
  matchedBy: row.matchedBy,
  merged,
  problems: row.problems,
});

/** Writes one row that creates or matches; returns whether it went into an existing patient (null: a new record). */
async function applyRow(writer: Writer, visits: VisitLookups, input: Selection & { onMatch: OnMatch; decisions: Record<string, OnMatch> }, row: PlannedRow, values: RowValues): Promise<boolean | null> {
  if (row.outcome === 'create') {
    row.patient = await createPatient(writer, values);
    return null;
  }
  const patientId = row.patient!.id;
  if (input.kind === 'clinical') await addClinical(writer, patientId, values, false);
  else if (input.kind === 'appointments') await importVisit(writer, visits, patientId, values);
  else if (input.kind === 'balances') await addBalances(writer, patientId, values);
  else if ((input.decisions[String(row.line)] ?? input.onMatch) === 'merge') await mergeIntoPatient(writer, patientId, values);
  else {
    row.patient = await createPatient(writer, values);
    return false;
  }
  return true;
}

const INSERT_ROW_SQL = `INSERT INTO importRow (id, batchId, line, rowKey, legacyId, outcome, patientId, merged, matchedBy, problems)
  VALUES (@id, @batchId, @line, @rowKey, @legacyId, @outcome, @patientId, @merged, @matchedBy, @problems)`;
const DRY_RUN = 'importDryRun';

/**
 * One batch: every row written in this call's transaction, all or nothing. A dry run does the same inside a savepoint
 * and rolls it back, so its report is exactly the run's. Every ~1,000 rows the handler yields a turn of the event loop
 * so `imports.progress` answers meanwhile (the call itself keeps its transaction and its place in the queue).
 */
async function runImport(ctx: HandlerContext, input: Selection & { dryRun: boolean; onMatch: OnMatch; decisions: Record<string, OnMatch> }): Promise<Report> {
  const { runtime } = ctx;
  setImportProgress(runtime, { running: true, phase: 'reading', fileName: null, done: 0, total: 0 });
  try {
    // Reading and checking the rows is the first half of the work, writing them the second.
    const { file, table, columns, settled, rows } = await plan(ctx, input, (done, total) => setImportProgress(runtime, { done: Math.round(done / 2), total }));
    setImportProgress(runtime, { phase: 'importing', fileName: file.fileName, total: rows.length, done: Math.round(rows.length / 2) });
    if (input.dryRun) cached(ctx.sqlite, `SAVEPOINT ${DRY_RUN}`).run();
    const totals = totalsOf(rows);
    const batchId = ctx.newId('importBatch');
    await ctx.db
      .insertInto('importBatch')
      .values({
        id: batchId,
        kind: input.kind,
        fileName: file.fileName,
        sha256: file.sha256,
        mapping: JSON.stringify(input.mapping),
        options: JSON.stringify(input.options),
        imported: totals.create,
        matched: totals.match,
        skipped: totals.skip,
        alreadyImported: totals.already,
        at: ctx.now.toISOString(),
        by: ctx.session?.staffId ?? null,
        undoneAt: null,
        undoneBy: null,
      })
      .execute();
    const writer: Writer = { ctx, journal: new Journal(ctx, batchId), note: `Opening balance imported from ${file.fileName}`, sources: new Map(), tags: new Map() };
    const visits = new VisitLookups(ctx);
    const report: RowResult[] = [];
    let merged = 0;
    for (const [i, row] of rows.entries()) {
      if (i % ROWS_PER_TURN === 0 && i) {
        setImportProgress(runtime, { done: Math.round(rows.length / 2 + i / 2) });
        await nextTurn();
      }
      const mergedRow = row.outcome === 'create' || row.outcome === 'match' ? await applyRow(writer, visits, input, row, readRow(table.rows[row.index], columns, settled).values) : null;
      if (mergedRow) merged++;
      cached(ctx.sqlite, INSERT_ROW_SQL).run({
        id: ctx.newId('importRow'),
        batchId,
        line: row.line,
        rowKey: row.key,
        legacyId: row.legacyId,
        outcome: row.outcome,
        patientId: row.patient?.id ?? null,
        merged: mergedRow === null ? null : mergedRow ? 1 : 0,
        matchedBy: JSON.stringify(row.matchedBy),
        problems: JSON.stringify(row.problems),
      });
      if (row.outcome !== 'create') report.push(resultOf(row, mergedRow));
    }
    setImportProgress(runtime, { phase: input.dryRun ? 'rollingBack' : 'committing', done: rows.length });
    if (input.dryRun) {
      cached(ctx.sqlite, `ROLLBACK TO ${DRY_RUN}`).run();
      cached(ctx.sqlite, `RELEASE ${DRY_RUN}`).run();
    } else {
      ctx.audit({
        action: 'import',
        entity: 'importBatch',
        entityId: batchId,
        summary: `Imported ${input.kind} from ${file.fileName}: ${totals.create} new, ${totals.match} matched, ${totals.skip} skipped, ${totals.already} already imported`,
        details: { fileName: file.fileName, sha256: file.sha256, kind: input.kind, totals, merged },
      });
    }
    return { batchId: input.dryRun ? null : batchId, dryRun: input.dryRun, totals, merged, keptApart: totals.match - merged, rows: report };
  } finally {
    endImportProgress(runtime);
  }
}

export const runHandlers: HandlerMap<'imports.preview' | 'imports.run' | 'imports.progress'> = {
  'imports.preview': async ({ offset, limit, outcome, ...selection }, ctx) => {
    const { settled, columns, table, rows } = await keptPlan(ctx, selection);
    const found = detect(table, columns);
    const kept = outcome ? rows.filter((r) => r.outcome === outcome) : rows;
    return {
      totals: totalsOf(rows),
      detected: { dateOrder: found.dateOrder, numberStyle: found.numberStyle, defaultCountry: settled.country },
      rows: kept.slice(offset, offset + limit).map((row) => resultOf(row)),
      total: kept.length,
    };
  },
  'imports.run': (input, ctx) => runImport(ctx, input),
  'imports.progress': (_input, ctx) => importProgress(ctx.runtime),
};
