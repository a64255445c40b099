import type { Sqlite } from '../core/db';
import { syncedShapes } from './capture';

/**
 * Every synced row in a fixed order, without what each workstation keeps for itself: two workstations that hold the
 * same changes give the same text. Tests compare it; a person can diff it when two workstations seem to disagree.
 */
export function canonicalDump(sqlite: Sqlite): string {
  const lines: string[] = [];
  for (const shape of syncedShapes(sqlite)) {
    const derived = shape.policy.sync === 'fields' ? (shape.policy.derived ?? []) : [];
    const columns = [...shape.key, ...shape.fields, ...derived].map((c) => `"${c}"`).join(', ');
    const rows = sqlite.prepare(`SELECT ${columns} FROM "${shape.table}" ORDER BY ${shape.key.map((c) => `"${c}"`).join(', ')}`).raw(true).all();
    lines.push(`# ${shape.table} (${rows.length})`, ...rows.map((row) => JSON.stringify(row)));
  }
  return lines.join('\n');
}
