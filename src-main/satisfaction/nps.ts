import type { NpsRow } from '../../src-shared/contract/satisfaction';

/**
 * NPS in whole points: 100 × (promoters − detractors) ÷ responses, rounded half away from zero in integer arithmetic
 * (no float ever decides a tie: 1 promoter of 8 is 12.5 → 13); null without responses.
 */
export function npsOf(promoters: number, detractors: number, responses: number): number | null {
  if (responses === 0) return null;
  const twice = 200 * Math.abs(promoters - detractors);
  const rounded = Math.floor((twice + responses) / (2 * responses));
  return promoters >= detractors ? rounded : -rounded;
}

export interface Counts {
  key: string | number;
  label?: string;
  responses: number;
  promoters: number;
  detractors: number;
}

export function npsRow(counts: Counts, label = String(counts.key)): NpsRow {
  const { responses, promoters, detractors } = counts;
  return { key: String(counts.key), label: counts.label ?? label, responses, promoters, detractors, passives: responses - promoters - detractors, nps: npsOf(promoters, detractors, responses) };
}

/** Every month of the period (YYYY-MM), so a month without scores shows as a gap, not as a missing month. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}
