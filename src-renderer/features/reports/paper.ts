import type { ReportDocument } from '../../../src-shared/reports/document';

/** The paper size of the clinic's country: Letter in North America, A4 elsewhere. */
export function paperFor(country: string): 'letter' | 'a4' {
  return ['US', 'CA', 'MX'].includes(country) ? 'letter' : 'a4';
}

/** "projected-sales-2026-03-02-2026-03-08.csv": what the report is and which period, so saved files sort well. */
export function exportName(doc: ReportDocument, extension: string): string {
  const slug = doc.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug}-${doc.from}-${doc.to}.${extension}`;
}
