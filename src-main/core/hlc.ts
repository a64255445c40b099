/**
 * A hybrid logical clock: wall-clock milliseconds, a counter for events within one millisecond, and the
 * workstation number. It gives every change a total order all workstations agree on, and never runs backwards
 * even when a computer's clock does (a received change pushes it forward). Written as fixed-width text so SQL
 * compares it the way it sorts.
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: number;
}

const COUNTER_LIMIT = 99_999;

export function formatHlc({ ms, counter, node }: Hlc): string {
  return `${String(ms).padStart(13, '0')}.${String(counter).padStart(5, '0')}.${String(node).padStart(7, '0')}`;
}

const HLC_TEXT = /^(\d{13})\.(\d{5})\.(\d{7})$/;

export function isHlc(text: string): boolean {
  return HLC_TEXT.test(text);
}

export function parseHlc(text: string): Hlc {
  const match = HLC_TEXT.exec(text);
  if (!match) throw new Error(`Not a hybrid clock value: ${text.slice(0, 40)}`);
  return { ms: Number(match[1]), counter: Number(match[2]), node: Number(match[3]) };
}

/** The clock value of a new local event: the wall clock when it is ahead of everything seen, else one step past it. */
export function nextHlc(last: Hlc | null, nowMs: number, node: number): Hlc {
  if (!last || nowMs > last.ms) return { ms: nowMs, counter: 0, node };
  if (last.counter >= COUNTER_LIMIT) return { ms: last.ms + 1, counter: 0, node };
  return { ms: last.ms, counter: last.counter + 1, node };
}

/** The later of two clock values (by time, then counter, then workstation). */
export function laterHlc(a: Hlc | null, b: Hlc | null): Hlc | null {
  if (!a) return b;
  if (!b) return a;
  return formatHlc(a) >= formatHlc(b) ? a : b;
}
