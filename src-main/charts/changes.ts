import type { ChartContent } from '../../src-shared/contract/charts';

export type Changes = Record<string, { from: unknown; to: unknown }>;

type Lists = Pick<ChartContent, 'injections' | 'deviceSettings'>;

/** How list entries are grouped, so a change names the injection site or device area it touched. */
const groupKey: { [K in keyof Lists]: (entry: Lists[K][number]) => string } = {
  injections: (i) => i.site,
  deviceSettings: (d) => (d.area ? `${d.device} / ${d.area}` : d.device),
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function groups<T>(list: T[], key: (entry: T) => string): Map<string, T[]> {
  const result = new Map<string, T[]>();
  for (const entry of list) result.set(key(entry), [...(result.get(key(entry)) ?? []), entry]);
  return result;
}

/**
 * Field-by-field { from, to } between two versions of a note. Injections and device settings are compared per
 * site (per device and area): "injections.Glabella" holds that site's entries before and after (null = none).
 */
export function changesBetween(before: ChartContent, after: ChartContent): Changes {
  const changes: Changes = {};
  for (const field of Object.keys(after) as (keyof ChartContent)[]) {
    if (field === 'injections' || field === 'deviceSettings') {
      const key = groupKey[field] as (entry: unknown) => string;
      const from = groups<unknown>(before[field], key);
      const to = groups<unknown>(after[field], key);
      for (const name of new Set([...from.keys(), ...to.keys()])) {
        const a = from.get(name) ?? null;
        const b = to.get(name) ?? null;
        if (!same(a, b)) changes[`${field}.${name}`] = { from: a, to: b };
      }
    } else if (!same(before[field], after[field])) {
      changes[field] = { from: before[field], to: after[field] };
    }
  }
  return changes;
}
