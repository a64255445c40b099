import { describe, expect, it } from 'vitest';
import { readTable } from '../../../../src-main/imports/read';

describe('reading a large file', () => {
  it('reads 50,000 rows of 20 columns (about 10 MB) in a few seconds, holding a few copies of the text at most', async () => {
    const header = Array.from({ length: 20 }, (_, i) => `Column name ${i + 1}`);
    // As a German Excel writes it: semicolons, decimal commas, quotes only where needed.
    const lines = [header.join(';')];
    for (let r = 0; r < 50_000; r++) {
      lines.push(header.map((_, c) => (c === 0 ? `Zoë Müller ${r}` : c === 1 ? `+49 171 ${1_000_000 + r}` : `${r * 31 + c},50`)).join(';'));
    }
    const data = new TextEncoder().encode(lines.join('\r\n'));
    lines.length = 0;
    expect(data.byteLength).toBeGreaterThan(10_000_000);

    const heapBefore = process.memoryUsage().heapUsed;
    // Processor time rather than the wall clock, which counts the other processes sharing the machine.
    const started = process.cpuUsage();
    const table = await readTable(data, 'large.csv');
    const used = process.cpuUsage(started);
    const seconds = (used.user + used.system) / 1e6;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;

    expect(table.rows).toHaveLength(50_000);
    expect(table.rows[49_999]).toMatchObject({ line: 50_001, cells: expect.arrayContaining(['Zoë Müller 49999']) });
    expect(seconds).toBeLessThan(3);
    // The table itself (a million short strings) plus what is still uncollected: a sanity bound, not a measurement.
    expect(heapGrowth).toBeLessThan(data.byteLength * 12);
  });
});
