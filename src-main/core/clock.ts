/** The only source of "now" in domain code, so tests can travel in time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(instant: string | Date): void {
    this.ms = new Date(instant).getTime();
  }
  advance({ days = 0, hours = 0, minutes = 0, seconds = 0 }: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.ms += ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
  }
}
