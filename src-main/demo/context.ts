import type { Sqlite } from '../core/db';
import { Random } from './random';

/** What every area of the demo generator shares. */
export interface DemoContext {
  sqlite: Sqlite;
  seed: number;
  now: Date;
  nowIso: string;
  /** When the clinic opened: `years` before now. */
  historyStart: Date;
  passwordHash: string;
  /** An independent random stream per area, so one area's changes leave the others' data as it was. */
  random(area: string): Random;
}

export function demoContext(sqlite: Sqlite, opts: { now: Date; years: number; seed: number; passwordHash: string }): DemoContext {
  const historyStart = new Date(opts.now);
  historyStart.setUTCFullYear(historyStart.getUTCFullYear() - opts.years);
  return {
    sqlite,
    seed: opts.seed,
    now: opts.now,
    nowIso: opts.now.toISOString(),
    historyStart,
    passwordHash: opts.passwordHash,
    random: (area) => Random.forArea(opts.seed, area),
  };
}
