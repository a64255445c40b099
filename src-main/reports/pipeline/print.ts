import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract/index';
import type { HandlerContext } from '../../core/registry';
import { listHandlers } from './lists';

/** The call lists page at 500 rows; a print or an export wants every row. */
const PAGE = 500;

async function whole<R extends { total: number; rows: unknown[] }>(page: (offset: number) => R | Promise<R>): Promise<R> {
  const first = await page(0);
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const next = await page(rows.length);
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return { ...first, rows };
}

/** Every stalled consult, for the catalogue's print and export. */
export const wholeStalledConsults = (input: ParsedInputOf<'reports.stalledConsults'>, ctx: HandlerContext): Promise<OutputOf<'reports.stalledConsults'>> =>
  whole((offset) => listHandlers['reports.stalledConsults']({ ...input, limit: PAGE, offset }, ctx));

/** Every open quote, for the catalogue's print and export. */
export const wholeOpenQuotes = (input: ParsedInputOf<'reports.openQuotes'>, ctx: HandlerContext): Promise<OutputOf<'reports.openQuotes'>> =>
  whole((offset) => listHandlers['reports.openQuotes']({ ...input, limit: PAGE, offset }, ctx));
