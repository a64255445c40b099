import { SegmentQuery } from '../../src-shared/contract/segments';
import { localDate } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { Registry } from '../core/registry';
import type { SegmentSettingsTable } from '../core/schema-segments';
import type { Connection } from '../core/session';
import { compileSegment, segmentCountSql, settingsOfRow } from '../segments/index';
import type { Operation } from './measure';

/**
 * The query builder's live count on the example — bought neurotoxin and laser hair removal, never filler,
 * spent more than 2,000, not seen in six months — through the registry as the front desk, next to the compiled SQL
 * it runs. Each run moves the spend and the months a little, so no run repeats another's answer.
 */
export function segmentOperations(registry: Registry, conn: Connection, sqlite: Sqlite, now: Date): Operation[] {
  const categoryId = (name: string) => sqlite.prepare('SELECT id FROM serviceCategory WHERE name = ?').pluck().get(name) as number;
  const [toxin, laser, filler] = [categoryId('Neurotoxin'), categoryId('Laser hair removal'), categoryId('Dermal filler')];
  const query = (run: number): SegmentQuery => ({
    categories: { all: [toxin, laser], never: [filler] },
    spentCents: { min: 200_001 + (run % 50) * 1000 },
    daysSinceLastVisit: { min: 183 + (run % 30) },
  });
  const timeZone = sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string;
  const settings = settingsOfRow(sqlite.prepare('SELECT * FROM segmentSettings WHERE id = 1').get() as SegmentSettingsTable | undefined);
  const today = { date: localDate(now, timeZone), timeZone };
  return [
    {
      name: 'segment live count',
      targetP95Ms: 100,
      call: (run) => registry.call('segments.count', { query: query(run) }, conn),
      floor: (run) => {
        const compiled = compileSegment(SegmentQuery.parse(query(run)), today, settings);
        return [{ sql: segmentCountSql(compiled), params: compiled.params }];
      },
    },
  ];
}
