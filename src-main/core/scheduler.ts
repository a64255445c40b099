import type { JobRow } from '../../src-shared/contract/settings';
import { LumenError } from '../../src-shared/errors';
import type { Registry } from './registry';
import type { JobsControl, Runtime } from './runtime';
import type { SchedulerJobTable } from './schema';

/** A background job. `run` resolves to a one-line outcome for the settings screen; throwing means it failed. */
export interface Job {
  name: string;
  label: string;
  nextRunAfter(after: Date, runtime: Runtime): Date;
  run(runtime: Runtime): Promise<string>;
}

const TICK_MS = 60_000;

/**
 * Runs jobs when they are due, by the injected clock, and remembers each job's last and next run in `schedulerJob`.
 * A job that was missed while the app was closed (or never ran) runs once at the next tick, not once per missed period.
 */
export class Scheduler implements JobsControl {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly runtime: Runtime,
    private readonly registry: Registry,
    private readonly jobs: Job[],
  ) {}

  /** Catches up on missed jobs (resolves when they have finished), then checks once a minute. */
  async start(): Promise<void> {
    await this.tick();
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs every enabled job that is due, one after another. Nothing runs before setup or in recovery mode. */
  async tick(): Promise<void> {
    this.runtime.refreshCaches();
    for (const job of this.jobs) {
      if (!this.ready() || this.inFlight.has(job.name)) continue;
      const row = this.stored(job.name);
      if (row && !row.enabled) continue;
      if (row?.nextRunAt && new Date(row.nextRunAt) > this.runtime.clock.now()) continue;
      await this.launch(job);
    }
  }

  list(): JobRow[] {
    return this.jobs.map((job) => this.rowOf(job));
  }

  /** Starts the job at once and returns its row (running); the settings screen polls `list` for the outcome. */
  async runNow(name: string): Promise<JobRow> {
    const job = this.job(name);
    if (this.inFlight.has(name)) throw new LumenError('conflict', `${job.label} is already running.`);
    if (!this.ready()) throw new LumenError('unavailable', 'Background jobs run only while the clinic is open and healthy.');
    void this.launch(job);
    return this.rowOf(job);
  }

  /**
   * Called inside the scheduler.setEnabled handler's transaction. Switching a job back on schedules its next
   * regular run instead of firing at once for the nights it was off.
   */
  setEnabled(name: string, enabled: boolean): void {
    const job = this.job(name);
    const now = this.runtime.clock.now();
    const stored = this.stored(name)?.nextRunAt;
    const nextRunAt = enabled && stored && new Date(stored) <= now ? job.nextRunAfter(now, this.runtime).toISOString() : (stored ?? null);
    this.runtime.sqlite
      .prepare('INSERT INTO schedulerJob (name, enabled, nextRunAt) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, nextRunAt = excluded.nextRunAt')
      .run(name, enabled ? 1 : 0, nextRunAt);
  }

  /** Resolves when no job is running (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight.values());
  }

  private launch(job: Job): Promise<void> {
    const run = this.execute(job).finally(() => this.inFlight.delete(job.name));
    this.inFlight.set(job.name, run);
    return run;
  }

  /** The job itself runs outside registry.exclusive, so the UI stays responsive (and can poll its progress). */
  private async execute(job: Job): Promise<void> {
    const startedAt = this.runtime.clock.now();
    let outcome: 'ok' | 'failed' = 'ok';
    let message: string;
    try {
      message = await job.run(this.runtime);
    } catch (error) {
      outcome = 'failed';
      message = error instanceof Error ? error.message : String(error);
      this.runtime.logger.error(`Background job ${job.name} failed`, error);
    }
    // A restore may have swapped the database meanwhile; the restored one keeps its own schedule.
    if (!this.ready()) return;
    const nextRunAt = job.nextRunAfter(this.runtime.clock.now(), this.runtime);
    await this.write(
      `INSERT INTO schedulerJob (name, lastRunAt, lastOutcome, lastMessage, nextRunAt) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET lastRunAt = excluded.lastRunAt, lastOutcome = excluded.lastOutcome,
         lastMessage = excluded.lastMessage, nextRunAt = excluded.nextRunAt`,
      job.name,
      startedAt.toISOString(),
      outcome,
      message.slice(0, 500),
      nextRunAt.toISOString(),
    );
  }

  /** One autocommit statement, queued behind the calls so it never joins a call's open transaction. */
  private async write(sql: string, ...params: unknown[]): Promise<void> {
    await this.registry.exclusive(async () => {
      if (this.runtime.isOpen) this.runtime.sqlite.prepare(sql).run(...params);
    });
  }

  private ready(): boolean {
    return this.runtime.isOpen && this.runtime.state === 'ready';
  }

  private job(name: string): Job {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new LumenError('not_found', `There is no background job called ${name}.`);
    return job;
  }

  private stored(name: string): SchedulerJobTable | undefined {
    return this.runtime.sqlite.prepare('SELECT * FROM schedulerJob WHERE name = ?').get(name) as SchedulerJobTable | undefined;
  }

  private rowOf(job: Job): JobRow {
    const row = this.runtime.isOpen ? this.stored(job.name) : undefined;
    return {
      name: job.name,
      label: job.label,
      enabled: row ? row.enabled === 1 : true,
      lastRunAt: row?.lastRunAt ?? null,
      lastOutcome: row?.lastOutcome ?? null,
      lastMessage: row?.lastMessage ?? null,
      nextRunAt: row?.nextRunAt ?? null,
      running: this.inFlight.has(job.name),
    };
  }
}
