import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../scheduling/calendar';
import { retentionClinics } from '../../retention/retention';
import { pdfText } from '../../../support/pdf-text';

const openClinic = retentionClinics();

/** A Berlin clinic where Lena bought Botox on 5 January (due again 90 days later, 5 April) and it is now 20 April. */
async function overdueClinic() {
  const c = await openClinic();
  const lena = await c.patient('Lena', 'Vogel');
  await c.sell(lena, c.services.botox, '2026-01-05T10:00');
  await c.at('2026-04-20T09:15');
  return { c, lena };
}

describe('reports.export', () => {
  it('writes the delinquency report as CSV into <data dir>/reports, returns it inline and audits the period, not the rows', async () => {
    const { c } = await overdueClinic();
    const file = await c.clinic.call('reports.export', { report: 'delinquency', input: { asOf: '2026-04-20' }, format: 'csv' });
    expect(file.fileName).toBe('delinquency-2026-04-20_2026-04-20-20260420-091500.csv');
    expect(file.path).toBe(join(c.clinic.dataDir, 'reports', file.fileName));
    expect(readFileSync(file.path, 'utf8')).toBe(file.csv);
    expect(file.bytes).toBe(Buffer.byteLength(file.csv!, 'utf8'));
    const lines = file.csv!.split('\r\n');
    expect(lines[0]).toMatch(/^"Delinquency","Lumen Test Clinic","20 Apr 2026","Generated 20 Apr 2026, 09:15"$/);
    expect(lines).toContain('"Overdue","1"');
    expect(lines).toContain('"Patient","No.","Phone","Category","Last service","Last purchase","Due","Overdue","Last provider","Last contact","Booked","Lifetime spend"');
    expect(lines.find((line) => line.startsWith('"Lena Vogel"'))).toMatch(/"Neurotoxin","Botox forehead","5 Jan 2026","5 Apr 2026","15 days","Ana Alvarez","—","","€300.00"$/);

    const audit = c.clinic.lumen.runtime.sqlite.prepare("SELECT summary, details FROM audit WHERE entity = 'report' ORDER BY id DESC LIMIT 1").get() as { summary: string; details: string };
    expect(audit.summary).toBe('Exported Delinquency (2026-04-20 to 2026-04-20) as CSV');
    expect(audit.details).not.toContain('Lena');
  });

  it('writes a PDF with the clinic name, title and the overdue patient; a second export never overwrites the first', async () => {
    const { c } = await overdueClinic();
    const first = await c.clinic.call('reports.export', { report: 'delinquency', input: {}, format: 'pdf' });
    const second = await c.clinic.call('reports.export', { report: 'delinquency', input: {}, format: 'pdf' });
    expect(first.csv).toBeNull();
    expect(second.fileName).toBe(first.fileName.replace('.pdf', '-2.pdf'));
    const pdf = pdfText(readFileSync(first.path));
    expect(pdf.text).toContain('Lumen Test Clinic');
    expect(pdf.text).toContain('Delinquency');
    expect(pdf.text).toContain('Lena Vogel');
    expect(pdf.text).toContain('€300.00');
    expect(pdf.text).toContain('Page 1 of 1');
    // Germany prints on A4; the delinquency list is wide, so landscape.
    expect(pdf.sizes[0]).toEqual([841.89, 595.28]);
  });

  it('prints on the paper size the clinic chose', async () => {
    const { c } = await overdueClinic();
    expect(await c.clinic.call('reports.outputSettings', {})).toEqual({ paperSize: 'A4', isDefault: true });
    await c.clinic.call('reports.saveOutputSettings', { paperSize: 'Letter' });
    expect(await c.clinic.call('reports.outputSettings', {})).toEqual({ paperSize: 'Letter', isDefault: false });
    const file = await c.clinic.call('reports.export', { report: 'delinquency', input: {}, format: 'pdf' });
    expect(pdfText(readFileSync(file.path)).sizes[0]).toEqual([792, 612]);
  });

  it('refuses bad input, an unknown report, and front desk, writing nothing', async () => {
    const { c } = await overdueClinic();
    const bad = await errorOf(c.clinic.call('reports.export', { report: 'delinquency', input: { asOf: '20 April' }, format: 'pdf' }));
    expect(bad).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'input.asOf': [expect.any(String)] } } });
    expect((await errorOf(c.clinic.call('reports.export', { report: 'nonsense' as 'delinquency', input: {}, format: 'pdf' }))).code).toBe('invalid_input');
    expect((await errorOf(c.clinic.call('reports.export', { report: 'delinquency', input: {}, format: 'xlsx' as 'csv' }))).code).toBe('invalid_input');
    const desk = await c.clinic.as('frontDesk');
    expect((await errorOf(desk.call('reports.export', { report: 'delinquency', input: {}, format: 'csv' }))).code).toBe('forbidden');
    expect(existsSync(join(c.clinic.dataDir, 'reports'))).toBe(false);
    expect(c.rows("audit WHERE entity = 'report'")).toBe(0);
  });
});
